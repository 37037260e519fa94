package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.lib.SaturatingAdd;

/** The accumulator adder, wrapping or saturating at the accumulator width, as the configuration says. */
final class Accumulate {
  private Accumulate() {}

  /** {@code addend + product} at the accumulator width, in a wire named {@code sum}. */
  static Value add(ModuleBuilder b, Value addend, Value product, ArrayConfig config) {
    return SaturatingAdd.add(b, "sum", addend, product, config.accWidth(), config.saturate());
  }
}
