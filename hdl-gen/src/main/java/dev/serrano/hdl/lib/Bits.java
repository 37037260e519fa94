package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;

/** Width arithmetic and small value helpers shared by the components. */
public final class Bits {
  private Bits() {}

  /** Bits needed to hold every value from 0 to {@code maxValue} (at least one). */
  public static int bitsFor(long maxValue) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(maxValue));
  }

  /** log2 of a power of two. */
  public static int log2(long powerOfTwo) {
    if (Long.bitCount(powerOfTwo) != 1) {
      throw new IllegalArgumentException(powerOfTwo + " is not a power of two");
    }
    return Long.numberOfTrailingZeros(powerOfTwo);
  }

  /** An unsigned constant of {@code width} bits. */
  public static Value constant(long value, int width) {
    return Value.constant(value, Type.unsigned(width));
  }

  /** The smaller of two unsigned values, at the wider of their widths. */
  public static Value min(Value a, Value b) {
    int width = Math.max(a.width(), b.width());
    Value wa = a.zext(width);
    Value wb = b.zext(width);
    return Value.mux(wa.lt(wb), wa, wb);
  }
}
