package dev.serrano.testbench.trace;

import dev.serrano.testbench.sim.SimulationOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/replay TRACE [--sim verilator|icarus|both] [--work DIR]}: replays a saved trace and
 * compares it with the recording (every register value and completion cycle, every checked memory
 * region, the final cycle; under Icarus also every output known after reset). Exit codes: 0 the
 * replay agrees, 1 it differs (each difference printed), 2 bad input. With {@code --export-c DIR} it
 * writes the trace's C replayer for an FPGA board ({@link FpgaReplayer}) instead.
 */
public final class TraceCommand {
  private static final String USAGE = "usage: replay TRACE_FOLDER [--sim verilator|icarus|both] [--work DIR]\n"
      + "       replay TRACE_FOLDER --export-c DIR   (the C replayer for an FPGA board, docs/hardening.md)";

  private TraceCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path trace = null;
    String sim = "both";
    Path work = null;
    Path exportC = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sim" -> sim = i + 1 < args.length ? args[++i] : "";
        case "--work" -> work = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--export-c" -> exportC = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (trace != null || args[i].startsWith("-")) {
            err.println("unexpected argument \"" + args[i] + "\"\n" + USAGE);
            return 2;
          }
          trace = Path.of(args[i]);
        }
      }
    }
    if (trace == null || !List.of("verilator", "icarus", "both").contains(sim)) {
      err.println((trace == null ? "no trace folder given" : "--sim must be verilator, icarus or both, got \"" + sim
          + "\"") + "\n" + USAGE);
      return 2;
    }
    if (!Files.isRegularFile(trace.resolve(TraceFolder.TRACE_FILE))) {
      err.println(trace + " is not a trace folder (no " + TraceFolder.TRACE_FILE + ")");
      return 2;
    }
    TraceFolder.Loaded loaded;
    try {
      loaded = TraceFolder.read(trace);
    } catch (TraceFormatException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (exportC != null) {
      out.println("wrote " + exportC.resolve(FpgaReplayer.write(loaded, exportC)) + " and the replayer sources");
      return 0;
    }
    List<String> differences = new ArrayList<>();
    if (!sim.equals("icarus")) {
      differences.addAll(report(out, loaded, VerilatorReplay.run(loaded, SimulationOptions.defaults())));
    }
    if (!sim.equals("verilator")) {
      Path folder = work != null ? work : temporaryFolder();
      out.println("icarus work folder: " + folder.toAbsolutePath());
      differences.addAll(report(out, loaded, IcarusReplay.run(loaded, folder)));
    }
    differences.forEach(err::println);
    return differences.isEmpty() ? 0 : 1;
  }

  private static List<String> report(PrintStream out, TraceFolder.Loaded loaded, ReplayOutcome outcome) {
    List<String> differences = TraceComparison.differences(loaded.trace(), outcome);
    out.printf("%s: %d register operations, %d memory checks, %d cycles (recorded %d): %s%n", outcome.simulator(),
        outcome.results().size(), outcome.checks().size(), outcome.cycles(), loaded.trace().cycles(),
        differences.isEmpty() ? "agrees with the recording" : differences.size() + " differences");
    return differences;
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("serrano-icarus-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
