package dev.serrano.hdl.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The acceptance of an emitted folder by the three tools the project promises: {@code verilator
 * --lint-only -Wall} with no warning, {@code iverilog -g2005} compiling it, and Yosys
 * {@code hierarchy -check; proc; check -assert} (no combinational loops, no undriven nets) followed by
 * {@code select -assert-none} of every latch cell ({@code check} alone accepts a latch that
 * {@code proc} inferred). The folder holds {@code <top>.f}; its files are relative to the folder.
 */
public final class RtlLint {
  /** One tool's verdict on one folder. */
  public record Result(String tool, boolean passed, String output) {}

  /** The cells Yosys's {@code proc} makes of a latch. */
  static final String LATCH_CELLS = "t:$dlatch t:$adlatch t:$dlatchsr t:$sr";

  private RtlLint() {}

  public static List<Result> run(Path folder) {
    Path fileList = findFileList(folder);
    String top = fileList.getFileName().toString().replaceFirst("\\.f$", "");
    List<String> files = readLines(fileList);
    List<Result> results = new ArrayList<>();
    List<String> verilator = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
    verilator.addAll(files);
    results.add(execute("verilator", "verilator", folder, verilator));
    List<String> icarus = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "/dev/null", "-s", top));
    icarus.addAll(files);
    results.add(execute("iverilog", "iverilog", folder, icarus));
    String script = "read_verilog " + String.join(" ", files) + "; hierarchy -check -top " + top
        + "; proc; check -assert; select -assert-none " + LATCH_CELLS;
    results.add(execute("yosys", "yosys", folder, List.of("yosys", "-q", "-p", script)));
    return results;
  }

  private static Path findFileList(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + (Files.exists(folder) ? ": is a file, not a folder (lint takes the"
          + " folder generate wrote)" : ": no such folder"));
    }
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> lists = entries.filter(p -> p.toString().endsWith(".f")).sorted().toList();
      if (lists.size() != 1) {
        throw new IllegalArgumentException(folder + ": expected exactly one .f file list, found " + lists.size());
      }
      return lists.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result execute(String tool, String debianPackage, Path folder, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(tool, false, "timed out");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      // Icarus reports warnings on its output but exits 0: any output is a failure here.
      boolean passed = process.exitValue() == 0 && (!tool.equals("iverilog") || text.isBlank());
      return new Result(tool, passed, text);
    } catch (IOException e) {
      throw new ToolMissingException(tool, debianPackage);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + tool, e);
    }
  }
}
