package dev.serrano.testbench.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.hdl.emit.OutputWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/sweep}: runs a {@link SweepSpec} into a {@link SweepFolder}, merges shard folders, or
 * writes a folder's report again.
 *
 * <p>Exit codes: 0 every point ran, 1 some point failed (its reason is in the results), 2 bad input
 * (a usage error, a spec or topology file that does not parse, an output folder of another sweep, a
 * folder to report on that is not a sweep):
 * the error is named on stderr and nothing is written.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Design-space sweeps of the accelerator (docs/sweeps.md).",
    subcommands = {SweepCommand.Run.class, SweepCommand.Merge.class, SweepCommand.Report.class})
public final class SweepCommand {
  static final int OK = 0;
  static final int POINTS_FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int MAX_JOBS = 1024;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line, for tests and {@code scripts/fuzz --bad-input} to set its output writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new SweepCommand());
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the points of SPEC (or of the sweep the flags describe) not yet in DIR, then write"
          + " DIR/results.csv, results.json and report/.")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.json",
        description = "the sweep (docs/sweeps.md); or describe it with the flags below")
    Path specFile;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2,...",
        description = "a swept parameter and its values (one grid of all -p given)")
    List<String> parameters = List.of();

    @Option(names = "--gemm", paramLabel = "MxNxK", description = "a GEMM workload")
    List<String> gemms = List.of();

    @Option(names = "--preset", paramLabel = "NAME", description = "a shipped network: "
        + "resnet18, transformer-prefill, transformer-decode")
    List<String> presets = List.of();

    @Option(names = "--topology", paramLabel = "FILE.csv", description = "a SCALE-Sim topology file")
    List<String> topologies = List.of();

    @Option(names = "--area", paramLabel = "FLOW,...", split = ",",
        description = "Yosys flows: generic, ice40, xilinx, or none (default: all)")
    List<String> area;

    @Option(names = "--clock-mhz", paramLabel = "MHZ", description = "the clock GOPS are stated at (default 500)")
    Double clockMhz;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep folder")
    Path out;

    @Option(names = "-j", paramLabel = "N", converter = JobsConverter.class,
        description = "configurations at once (default: all cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "i/N", converter = ShardConverter.class,
        description = "run only shard i of N (0-based, configurations i, i + N, ...)")
    SweepRunner.Shard shard = SweepRunner.Shard.ALL;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = command.commandLine().getErr();
      if (jobs < 1 || jobs > MAX_JOBS) {
        return badInput(err, "-j must be from 1 to " + MAX_JOBS + ", got " + jobs);
      }
      SweepSpec spec;
      try {
        spec = spec();
        checkFolder(out, spec);
      } catch (SweepSpecException e) {
        return badInput(err, e.getMessage());
      }
      ProgressLine progress = new ProgressLine(err);
      SweepRunner.Summary summary = new SweepRunner(spec, new SweepFolder(out), jobs, shard,
          SweepRunner.DEFAULT_MAX_CYCLES, EnergyTable.horowitz45nm(), progress::update).run();
      progress.finish();
      return report(err, summary.results(), out);
    }

    /** The spec file's sweep, or the one the flags describe, checked as a file would be. */
    private SweepSpec spec() {
      boolean flags = !parameters.isEmpty() || !gemms.isEmpty() || !presets.isEmpty() || !topologies.isEmpty()
          || area != null || clockMhz != null;
      if (specFile != null) {
        if (flags) {
          throw new SweepSpecException("give SPEC.json or the flags -p, --gemm, --preset, --topology, --area,"
              + " --clock-mhz, not both");
        }
        return SweepSpec.read(specFile);
      }
      if (gemms.isEmpty() && presets.isEmpty() && topologies.isEmpty()) {
        throw new SweepSpecException("give SPEC.json, or at least one workload with --gemm, --preset or --topology");
      }
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      ObjectNode grid = root.putObject("parameters");
      for (String parameter : parameters) {
        int equals = parameter.indexOf('=');
        if (equals < 1 || equals == parameter.length() - 1) {
          throw new SweepSpecException("-p must be NAME=V1,V2,..., got \"" + parameter + "\"");
        }
        ArrayNode values = grid.putArray(parameter.substring(0, equals));
        List.of(parameter.substring(equals + 1).split(",", -1)).forEach(values::add);
      }
      ArrayNode workloads = root.putArray("workloads");
      for (String gemm : gemms) {
        String[] mnk = gemm.split("x", -1);
        if (mnk.length != 3 || !List.of(mnk).stream().allMatch(d -> d.matches("[0-9]{1,9}"))) {
          throw new SweepSpecException("--gemm must be MxNxK in whole numbers (64x64x64), got \"" + gemm + "\"");
        }
        workloads.addObject().put("m", Integer.parseInt(mnk[0])).put("n", Integer.parseInt(mnk[1]))
            .put("k", Integer.parseInt(mnk[2]));
      }
      presets.forEach(preset -> workloads.addObject().put("preset", preset));
      topologies.forEach(topology -> workloads.addObject().put("topology", topology));
      if (area != null) {
        ArrayNode flows = root.putArray("area");
        area.stream().filter(flow -> !flow.equals("none")).forEach(flows::add);
      }
      if (clockMhz != null) {
        root.put("clockMhz", clockMhz);
      }
      return SweepSpec.parse("the command line", root.toString(), Path.of(""));
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Copy the points of shard folders of one sweep into DIR and write its results.")
  static final class Merge implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the merged folder")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "folders written by run --shard")
    List<Path> shards;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = command.commandLine().getErr();
      List<PointResult> results;
      try {
        checkFolder(out, new SweepFolder(shards.get(0)).spec());
        results = SweepFolder.merge(shards, out);
      } catch (SweepSpecException e) {
        return badInput(err, e.getMessage());
      }
      return report(err, results, out);
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write DIR/report (index.html, each chart as SVG and PNG) again from the points in DIR.")
  static final class Report implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a sweep folder (written by run or merge)")
    Path folder;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = command.commandLine().getErr();
      if (!Files.isRegularFile(folder.resolve("spec.json"))) {
        return badInput(err, folder + " is not a sweep folder (it has no spec.json)");
      }
      SweepFolder sweep = new SweepFolder(folder);
      SweepSpec spec;
      try {
        spec = sweep.spec();
      } catch (SweepSpecException e) {
        return badInput(err, e.getMessage());
      }
      sweep.writeReport(spec, sweep.results(spec), EnergyTable.horowitz45nm());
      err.println("sweep: report in " + sweep.report().resolve("index.html"));
      err.flush();
      return OK;
    }
  }

  /** Refuses, before anything is written, an output folder that cannot be created or holds another sweep. */
  private static void checkFolder(Path out, SweepSpec spec) throws IOException {
    try {
      OutputWriter.requireCreatable(out);
    } catch (FileSystemException e) {
      throw new SweepSpecException("--out " + out + ": " + e.getReason());
    }
    Path existing = out.resolve("spec.json");
    if (Files.exists(existing) && !Files.readString(existing).equals(spec.toJson())) {
      throw new SweepSpecException("--out " + out + " holds a different sweep (its spec.json differs); use a new"
          + " folder");
    }
  }

  private static int badInput(PrintWriter err, String message) {
    err.println("sweep: error: " + message);
    err.flush();
    return BAD_INPUT;
  }

  private static int report(PrintWriter err, List<PointResult> results, Path out) {
    long failed = results.stream().filter(PointResult::failed).count();
    err.println("sweep: " + results.size() + " points in " + out.resolve("results.csv") + ", " + failed
        + " failed");
    err.flush();
    return failed == 0 ? OK : POINTS_FAILED;
  }

  /** -j's number; one that is none is refused with the range, as an out-of-range one is. */
  static final class JobsConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("must be a whole number from 1 to " + MAX_JOBS + ", got \""
            + value + "\"");
      }
    }
  }

  /** {@code i/N}, as {@link SweepRunner.Shard} checks it; picocli prefixes the option's name to errors. */
  static final class ShardConverter implements CommandLine.ITypeConverter<SweepRunner.Shard> {
    @Override
    public SweepRunner.Shard convert(String value) {
      String[] parts = value.split("/", -1);
      try {
        if (parts.length == 2) {
          return new SweepRunner.Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
      } catch (NumberFormatException e) {
        // reported below with the rule
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      throw new CommandLine.TypeConversionException("must be i/N, whole numbers with 0 <= i < N, got \"" + value
          + "\"");
    }
  }

  /** "12/40 points, 1m05s elapsed, ETA 3m20s" on stderr; rewritten in place on a terminal. */
  static final class ProgressLine {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;

    ProgressLine(PrintWriter err) {
      this.err = err;
    }

    void update(int done, int total) {
      long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
      // The points done so far set the pace: builds dominate and are spread over the configurations.
      long eta = done == 0 ? 0 : elapsed * (total - done) / done;
      err.print((terminal ? "\r" : "") + bar(done, total) + " " + done + "/" + total + " points, "
          + duration(elapsed) + " elapsed, ETA " + duration(eta) + (terminal ? "   " : "\n"));
      err.flush();
    }

    void finish() {
      if (terminal) {
        err.println();
      }
    }

    /** {@code [######..............]}: twenty cells, one per twentieth of the points done. */
    static String bar(int done, int total) {
      int filled = total == 0 ? 20 : (int) (20L * done / total);
      return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
    }

    static String duration(long seconds) {
      return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
          : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
  }
}
