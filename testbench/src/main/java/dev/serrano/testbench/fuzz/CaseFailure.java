package dev.serrano.testbench.fuzz;

/** A case that did not pass: the stage it failed in and what was wrong. */
public final class CaseFailure extends RuntimeException {
  /** Where a case can fail, in the order they run. */
  public enum Stage {
    /** The catalog refused a configuration the generator meant to be valid. */
    GENERATE,
    /** verilator -Wall, iverilog or Yosys check (latches and loops included) found something. */
    LINT,
    /** Verilator could not build the simulation. */
    BUILD,
    /** A GEMM was not bit-exact, took the wrong cycles, or did not finish. */
    GEMM,
    /** Replayed under Icarus Verilog, the run's trace gave other results, cycles or unknown outputs. */
    ICARUS,
    /** An injected fault was not reported as it should be ({@link FaultRunner}). */
    FAULT
  }

  private final Stage stage;

  public CaseFailure(Stage stage, String message) {
    super(message);
    this.stage = stage;
  }

  public CaseFailure(Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }
}
