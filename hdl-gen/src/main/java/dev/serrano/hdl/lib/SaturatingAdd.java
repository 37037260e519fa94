package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;

/** Addition at a fixed width that wraps or saturates: the accumulators of the PE and of the accumulator memory. */
public final class SaturatingAdd {
  private SaturatingAdd() {}

  /**
   * {@code a + b} at {@code width} bits in a wire named {@code name}. Saturation computes the exact
   * sum one bit wider (wire {@code <name>_wide}) and clamps it to the range of the result type:
   * signed when both operands are signed.
   */
  public static Value add(ModuleBuilder builder, String name, Value a, Value b, int width, boolean saturate) {
    if (!saturate) {
      return builder.wire(name, a.add(b, width));
    }
    boolean signed = a.type().signed() && b.type().signed();
    Type result = new Type(width, signed);
    Value wide = builder.wire(name + "_wide", a.add(b, width + 1));
    Value inRange = wide.slice(width - 1, 0);
    Value clamped;
    if (signed) {
      // The exact sum overflowed when its two top bits differ; the top bit tells the direction.
      Value overflow = wide.bit(width).xor(wide.bit(width - 1));
      BigInteger max = BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE);
      Value limit = Value.mux(wide.bit(width), Value.constant(max.negate().subtract(BigInteger.ONE), result),
          Value.constant(max, result));
      clamped = Value.mux(overflow, limit, inRange.asSigned());
    } else {
      Value allOnes = Value.constant(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE), result);
      clamped = Value.mux(wide.bit(width), allOnes, inRange);
    }
    return builder.wire(name, clamped);
  }
}
