package dev.serrano.testbench.accel;

import java.math.BigInteger;
import java.util.List;

/**
 * A GEMM as a command program: the steps in program order, the tiling they follow, the traffic
 * they cause (computed in closed form, not by walking the steps) and the expected fraction of
 * cycles in which the array takes an input row (see {@link GemmTiler} for the assumptions).
 */
public record GemmProgram(GemmTiling tiling, List<ProgramStep> steps, Traffic expectedTraffic,
    double expectedArrayBusy) {
  public GemmProgram {
    steps = List.copyOf(steps);
  }

  public List<BigInteger> words() {
    return steps.stream().map(ProgramStep::word).toList();
  }
}
