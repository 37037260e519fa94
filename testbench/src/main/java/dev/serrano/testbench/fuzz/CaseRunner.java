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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
   * ({@code lintSeconds} from the start: generation and lint).
   */
  public record Outcome(FuzzCase fuzzCase, CaseFailure failure, int gemms, double lintSeconds, double buildSeconds,
      double runSeconds) {
    public boolean passed() {
      return failure == null;
    }

    public double seconds() {
      return lintSeconds + buildSeconds + runSeconds;
    }
  }

  private final int gemms;

  /** @param gemms random GEMMs per case */
  public CaseRunner(int gemms) {
    this.gemms = gemms;
  }

  /** Runs {@code fuzzCase} in {@code folder} (which must not exist); never throws for a failing case. */
  public Outcome run(FuzzCase fuzzCase, Path folder) {
    long start = System.nanoTime();
    double lintSeconds = 0;
    double buildSeconds = 0;
    int gemmsRun = 0;
    try {
      DesignInterface design = generate(fuzzCase, folder);
      lint(folder);
      lintSeconds = seconds(start);
      long build = System.nanoTime();
      try (Simulation sim = start(design, fuzzCase)) {
        buildSeconds = seconds(build);
        long run = System.nanoTime();
        gemmsRun = runGemms(sim, fuzzCase, new Random(fuzzCase.seed()));
        return new Outcome(fuzzCase, null, gemmsRun, lintSeconds, buildSeconds, seconds(run));
      }
    } catch (CaseFailure failure) {
      return new Outcome(fuzzCase, failure, gemmsRun, lintSeconds, buildSeconds, 0);
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

  private static Simulation start(DesignInterface design, FuzzCase fuzzCase) {
    Simulation sim;
    try {
      sim = Simulation.start(design, SimulationOptions.defaults().withBuildProfile(BuildProfile.FAST_BUILD));
    } catch (RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.BUILD, e.getMessage(), e);
    }
    try {
      if (fuzzCase.top().equals(FuzzCase.ACCELERATOR)) {
        sim.axi("m_axi").memory(0, AcceleratorGemms.memoryBytes(fuzzCase.integer("addressWidth", 32)));
      }
      sim.reset(4);
      return sim;
    } catch (RuntimeException e) {
      sim.close();
      throw new CaseFailure(CaseFailure.Stage.GEMM, "setting up the simulation: " + e, e);
    }
  }

  private int runGemms(Simulation sim, FuzzCase fuzzCase, Random random) {
    try {
      if (fuzzCase.top().equals(FuzzCase.PE_ARRAY)) {
        return PeArrayGemms.run(sim, Catalog.arrayConfig(fuzzCase.parameters()), random, gemms);
      }
      return AcceleratorGemms.run(new AcceleratorDriver(sim), fuzzCase.elementType("input"),
          fuzzCase.elementType("weight"), random, gemms);
    } catch (CaseFailure failure) {
      throw failure;
    } catch (RuntimeException e) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, e.toString(), e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
