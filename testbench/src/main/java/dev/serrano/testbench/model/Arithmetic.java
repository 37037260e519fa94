package dev.serrano.testbench.model;

import java.math.BigInteger;

/**
 * Integer arithmetic at a fixed accumulator width: values are numbers (negative when signed),
 * sums wrap modulo 2^width or saturate at the range's ends.
 */
public record Arithmetic(int width, boolean signed, boolean saturate) {
  public BigInteger min() {
    return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
  }

  public BigInteger max() {
    return BigInteger.ONE.shiftLeft(signed ? width - 1 : width).subtract(BigInteger.ONE);
  }

  /** {@code acc + addend} at this width. */
  public BigInteger add(BigInteger acc, BigInteger addend) {
    BigInteger exact = acc.add(addend);
    if (saturate) {
      return exact.max(min()).min(max());
    }
    return fromBits(exact, width, signed);
  }

  /** The number denoted by the low {@code width} bits of {@code x}. */
  public static BigInteger fromBits(BigInteger x, int width, boolean signed) {
    BigInteger bits = x.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    return signed && bits.testBit(width - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(width)) : bits;
  }

  /** The low {@code width} bits of {@code value}, as a non-negative pattern. */
  public static BigInteger toBits(BigInteger value, int width) {
    return value.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
  }
}
