package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;

/** The accumulator adder, wrapping or saturating at the accumulator width, as the configuration says. */
final class Accumulate {
  private Accumulate() {}

  /**
   * {@code addend + product} at the accumulator width, in a wire named {@code sum}. Saturation
   * computes the exact sum one bit wider and clamps it to the accumulator's range.
   */
  static Value add(ModuleBuilder b, Value addend, Value product, ArrayConfig config) {
    int width = config.accWidth();
    if (!config.saturate()) {
      return b.wire("sum", addend.add(product, width));
    }
    Type acc = config.accType();
    Value wide = b.wire("sum_wide", addend.add(product, width + 1));
    Value inRange = wide.slice(width - 1, 0);
    Value clamped;
    if (acc.signed()) {
      Value overflow = wide.bit(width).xor(wide.bit(width - 1));
      BigInteger max = BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE);
      Value limit = Value.mux(wide.bit(width), Value.constant(max.negate().subtract(BigInteger.ONE), acc),
          Value.constant(max, acc));
      clamped = Value.mux(overflow, limit, inRange.asSigned());
    } else {
      Value allOnes = Value.constant(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE), acc);
      clamped = Value.mux(wide.bit(width), allOnes, inRange);
    }
    return b.wire("sum", clamped);
  }
}
