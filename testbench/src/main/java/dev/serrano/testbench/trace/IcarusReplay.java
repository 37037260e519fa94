package dev.serrano.testbench.trace;

import dev.serrano.testbench.build.ProcessRunner;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Replays a trace under Icarus Verilog: writes the {@link IcarusBench} into a work folder, compiles
 * it with the trace's RTL ({@code iverilog -g2005}), runs it ({@code vvp}) and reads its results
 * back in the trace's terms. {@code build.log} in the work folder holds both commands and their output.
 */
public final class IcarusReplay {

  private IcarusReplay() {}

  public static ReplayOutcome run(TraceFolder.Loaded loaded, Path work) {
    DesignInterface design = DesignInterface.read(loaded.designJson());
    String bench = IcarusBench.write(loaded.trace(), design, work);
    Path log = work.resolve("build.log");
    List<String> compile = new ArrayList<>(List.of("iverilog", "-g2005", "-o", "sim.vvp", "-s", bench));
    design.files().forEach(file -> compile.add(design.directory().resolve(file).toAbsolutePath().toString()));
    compile.addAll(List.of(IcarusBench.MASTER_FILE, IcarusBench.MEMORY_FILE, bench + ".v"));
    ProcessRunner.run(compile, work, log);
    ProcessRunner.run(List.of("vvp", "-n", "sim.vvp"), work, log);
    return read(work.resolve(IcarusBench.RESULTS_FILE));
  }

  /** Reads the bench's results file. */
  static ReplayOutcome read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("the Icarus bench wrote no " + file, e);
    }
    List<Trace.LiteResult> results = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    String failure = null;
    long cycles = -1;
    for (String line : lines) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "op" -> results.add(new Trace.LiteResult(Long.parseLong(words[1], 16), Integer.parseInt(words[2]),
            !words[3].equals("0"), Long.parseLong(words[4])));
        case "check" -> {
          String hex = words.length > 1 ? words[1] : "";
          if (!hex.matches("[0-9a-f]*")) {
            failure = "memory check " + checks.size() + " holds unknown (X or Z) bytes";
            checks.add("unknown");
          } else {
            checks.add(Sha256.hex(HexFormat.of().parseHex(hex)));
          }
        }
        case "unknown" -> unknown.add(words[1] + " = " + words[2]);
        case "timeout" -> failure = "AXI4-Lite operations not done within the run's cycle limit (cycle " + words[1] + ")";
        case "end" -> cycles = Long.parseLong(words[1]);
        default -> throw new TraceFormatException(file + ": unexpected line \"" + line + "\"");
      }
    }
    if (cycles < 0) {
      failure = "the Icarus bench ended without its end line";
    }
    return new ReplayOutcome("icarus", results, checks, cycles, unknown, failure);
  }
}
