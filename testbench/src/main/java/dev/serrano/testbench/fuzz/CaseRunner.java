package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.checks.CheckFailedException;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.tools.RtlLint;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.build.BuildProfile;
import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationOptions;
import dev.serrano.testbench.trace.IcarusReplay;
import dev.serrano.testbench.trace.TraceComparison;
import dev.serrano.testbench.trace.TraceFolder;
import dev.serrano.testbench.trace.TraceRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Checks one {@link FuzzCase} end to end: generates it with the catalog into a folder, lints it
 * ({@link RtlLint}: {@code verilator --lint-only -Wall} without a warning, Icarus, and Yosys
 * {@code check -assert} with no latch and no combinational loop), builds it with Verilator (as
 * {@link BuildProfile#FAST_BUILD}: a case runs a few thousand cycles, its build is most of its time) and runs
 * random GEMMs bit-exact ({@link AcceleratorGemms} or {@link PeArrayGemms}), everything random drawn
 * from the case's seed.
 */
public final class CaseRunner {
  /**
   * What a case did: its failure (null if it passed), the GEMMs run, and the time of each stage
   * ({@code lintSeconds} from the start: generation and lint; {@code replaySeconds} under Icarus, 0
   * without).
   */
  public record Outcome(FuzzCase fuzzCase, CaseFailure failure, int gemms, double lintSeconds, double buildSeconds,
      double runSeconds, double replaySeconds) {
    public boolean passed() {
      return failure == null;
    }

    public double seconds() {
      return lintSeconds + buildSeconds + runSeconds + replaySeconds;
    }

    /** The command that runs this case alone, as it ran here. */
    public String replayCommand() {
      return fuzzCase.replayCommand() + (replaySeconds > 0 || failure != null
          && failure.stage() == CaseFailure.Stage.ICARUS ? " --icarus" : "");
    }
  }

  private final int gemms;
  private final boolean icarus;

  /** @param gemms random GEMMs per case */
  public CaseRunner(int gemms) {
    this(gemms, false);
  }

  /**
   * @param gemms random GEMMs per case
   * @param icarus whether an accelerator case's run is also recorded as a trace and replayed under
   *     Icarus Verilog, which must give the same register results, memory and cycle counts and no
   *     unknown output after reset (its GEMMs then run without AXI stalls, which the Icarus bench
   *     does not model; latencies stay random)
   */
  public CaseRunner(int gemms, boolean icarus) {
    this.gemms = gemms;
    this.icarus = icarus;
  }

  /** Runs {@code fuzzCase} in {@code folder} (which must not exist); never throws for a failing case. */
  public Outcome run(FuzzCase fuzzCase, Path folder) {
    long start = System.nanoTime();
    double lintSeconds = 0;
    double buildSeconds = 0;
    double runSeconds = 0;
    int gemmsRun = 0;
    try {
      DesignInterface design = generate(fuzzCase, folder);
      lint(folder);
      lintSeconds = seconds(start);
      long build = System.nanoTime();
      Simulation sim = build(design);
      TraceRecorder trace = icarus && fuzzCase.top().equals(FuzzCase.ACCELERATOR) ? TraceRecorder.attach(sim) : null;
      try (sim) {
        setUp(sim, fuzzCase);
        buildSeconds = seconds(build);
        long run = System.nanoTime();
        gemmsRun = runGemms(sim, fuzzCase, new Random(fuzzCase.seed()), trace == null);
        runSeconds = seconds(run);
      }
      long replay = System.nanoTime();
      if (trace == null) {
        return new Outcome(fuzzCase, null, gemmsRun, lintSeconds, buildSeconds, runSeconds, 0);
      }
      replayUnderIcarus(trace, folder);
      return new Outcome(fuzzCase, null, gemmsRun, lintSeconds, buildSeconds, runSeconds, seconds(replay));
    } catch (CaseFailure failure) {
      return new Outcome(fuzzCase, failure, gemmsRun, lintSeconds, buildSeconds, runSeconds, 0);
    }
  }

  private static DesignInterface generate(FuzzCase fuzzCase, Path folder) {
    try {
      return CatalogDesigns.generate(folder, fuzzCase.top(), fuzzCase.parameters());
    } catch (IllegalArgumentException e) {
      throw new CaseFailure(CaseFailure.Stage.GENERATE, "the catalog refused it: " + e.getMessage(), e);
    } catch (CheckFailedException e) {
      throw new CaseFailure(CaseFailure.Stage.GENERATE, "the catalog accepted it but its design fails the checks: "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void lint(Path folder) {
    StringBuilder findings = new StringBuilder();
    for (RtlLint.Result result : RtlLint.run(folder)) {
      if (!result.passed()) {
        findings.append(result.tool()).append(": ").append(result.output().strip()).append('\n');
      }
    }
    if (!findings.isEmpty()) {
      throw new CaseFailure(CaseFailure.Stage.LINT, findings.toString().strip());
    }
  }

  private static Simulation build(DesignInterface design) {
    try {
      return Simulation.start(design, SimulationOptions.defaults().withBuildProfile(BuildProfile.FAST_BUILD));
    } catch (RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.BUILD, e.getMessage(), e);
    }
  }

  private static void setUp(Simulation sim, FuzzCase fuzzCase) {
    try {
      if (fuzzCase.top().equals(FuzzCase.ACCELERATOR)) {
        sim.axi("m_axi").memory(0, AcceleratorGemms.memoryBytes(fuzzCase.integer("addressWidth", 32)));
      }
      sim.reset(4);
    } catch (RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, "setting up the simulation: " + e, e);
    }
  }

  private int runGemms(Simulation sim, FuzzCase fuzzCase, Random random, boolean stalls) {
    try {
      if (fuzzCase.top().equals(FuzzCase.PE_ARRAY)) {
        return PeArrayGemms.run(sim, Catalog.arrayConfig(fuzzCase.parameters()), random, gemms);
      }
      return AcceleratorGemms.run(new AcceleratorDriver(sim), fuzzCase.elementType("input"),
          fuzzCase.elementType("weight"), random, gemms, stalls);
    } catch (CaseFailure failure) {
      throw failure;
    } catch (RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, e.toString(), e);
    }
  }

  /** Saves the run as a trace in {@code folder/trace} and replays it under Icarus in {@code folder/icarus}. */
  private static void replayUnderIcarus(TraceRecorder recorder, Path folder) {
    Path traceFolder = folder.resolve("trace");
    List<String> differences;
    try {
      recorder.save(traceFolder);
      TraceFolder.Loaded loaded = TraceFolder.read(traceFolder);
      differences = TraceComparison.differences(loaded.trace(),
          IcarusReplay.run(loaded, Files.createDirectories(folder.resolve("icarus"))));
    } catch (IOException | RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.ICARUS, "recording or replaying the trace: " + e, e);
    }
    if (!differences.isEmpty()) {
      throw new CaseFailure(CaseFailure.Stage.ICARUS, "under Icarus the trace replays differently (alone: scripts/replay "
          + traceFolder + " --sim icarus):\n" + String.join("\n", differences));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
