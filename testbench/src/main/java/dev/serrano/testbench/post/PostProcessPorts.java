package dev.serrano.testbench.post;

import dev.serrano.testbench.model.Requantize.RowConfig;
import dev.serrano.testbench.sim.Simulation;

/**
 * The post-processor's per-row configuration ports as {@code docs/post-processing.md} lays them
 * out, under a prefix: {@code ""} on the unit itself, {@code "pp_"} on the memory system.
 * {@code out_int8} is not among them: the memory system fixes it to 1.
 */
public final class PostProcessPorts {
  private PostProcessPorts() {}

  /** Drives bias, multiplier, shift (8 bits per lane), zero point, clamps and requantize. */
  public static void set(Simulation sim, String prefix, RowConfig c) {
    int lanes = c.bias().length;
    sim.port(prefix + "bias").setWords(c.bias());
    sim.port(prefix + "multiplier").setWords(c.multiplier());
    int[] shiftWords = new int[(lanes + 3) / 4];
    for (int k = 0; k < lanes; k++) {
      shiftWords[k / 4] |= (c.shift()[k] & 0xFF) << (8 * (k % 4));
    }
    sim.port(prefix + "shift").setWords(shiftWords);
    sim.port(prefix + "zero_point").set(c.zeroPoint());
    sim.port(prefix + "clamp_min").set(c.clampMin());
    sim.port(prefix + "clamp_max").set(c.clampMax());
    sim.port(prefix + "requantize").set(c.requantize() ? 1 : 0);
  }
}
