package dev.serrano.testbench.sweep;

import dev.serrano.hdl.tools.ToolMissingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Yosys scripts and reads its {@code stat} text. */
final class Yosys {
  private static final Pattern CELL = Pattern.compile("^\\s+(\\$?[\\w$]+)\\s+(\\d+)$");
  private static final Pattern TOTAL = Pattern.compile("^\\s+Number of cells:\\s+(\\d+)$");

  private Yosys() {}

  /** Runs {@code script} in {@code folder}; a failure carries Yosys's output. */
  static String run(Path folder, String script) {
    return execute(folder, List.of("yosys", "-q", "-p", script));
  }

  /** {@code yosys -V}: part of every cached result's key. */
  static String version() {
    return execute(Path.of("."), List.of("yosys", "-V")).strip();
  }

  private static String execute(Path folder, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("yosys failed: " + log.strip());
      }
      return log;
    } catch (IOException e) {
      throw new ToolMissingException("yosys", "yosys");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running yosys", e);
    }
  }

  /** Cell type to count, plus "cells" for the total, of the last statistics block (the whole hierarchy's). */
  static Map<String, Integer> cellCounts(List<String> statLines) {
    Map<String, Integer> counts = new TreeMap<>();
    boolean inBlock = false;
    for (String line : statLines) {
      Matcher total = TOTAL.matcher(line);
      if (total.matches()) {
        counts = new TreeMap<>();
        counts.put("cells", Integer.parseInt(total.group(1)));
        inBlock = true;
        continue;
      }
      Matcher cell = CELL.matcher(line);
      if (inBlock && cell.matches()) {
        counts.put(cell.group(1), Integer.parseInt(cell.group(2)));
      }
    }
    return counts;
  }
}
