package dev.serrano.testbench.model;

/**
 * TensorFlow Lite's integer requantisation, written from the published definitions: gemmlowp's
 * {@code fixedpoint.h} ({@code SaturatingRoundingDoublingHighMul}, {@code RoundingDivideByPOT}) and
 * TFLite's {@code MultiplyByQuantizedMultiplier} in {@code tensorflow/lite/kernels/internal/common.h}
 * (the gemmlowp path, not {@code TFLITE_SINGLE_ROUNDING}), plus the post-processing of one output
 * row as the store path applies it: bias, requantisation, zero point, clamp, int8.
 *
 * <p>Where C leaves int32 overflow undefined (the left shift {@code x * (1 << left_shift)}, the bias
 * and zero-point additions) this model, like the hardware, wraps in two's complement: Java's int
 * arithmetic does exactly that.
 */
public final class Requantize {
  /** The shift range the hardware honours; values outside are saturated into it. */
  public static final int MIN_SHIFT = -31;
  public static final int MAX_SHIFT = 30;

  private Requantize() {}

  /**
   * gemmlowp: the high 32 bits of {@code 2 * a * b}, rounded to nearest with ties toward +infinity
   * (the nudge plus C's truncating division), and INT32_MAX for the single overflowing input pair
   * {@code a == b == INT32_MIN}.
   */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    boolean overflow = a == b && a == Integer.MIN_VALUE;
    long product = (long) a * (long) b;
    long nudge = product >= 0 ? (1L << 30) : (1L - (1L << 30));
    // Java's long division truncates toward zero, as C's does.
    int high = (int) ((product + nudge) / (1L << 31));
    return overflow ? Integer.MAX_VALUE : high;
  }

  /** gemmlowp: {@code x / 2^exponent} rounded to nearest, ties away from zero; exponent 0 to 31. */
  public static int roundingDivideByPot(int x, int exponent) {
    if (exponent < 0 || exponent > 31) {
      throw new IllegalArgumentException("exponent must be from 0 to 31, got " + exponent);
    }
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * TFLite's {@code MultiplyByQuantizedMultiplier} (positive shift = left). The shift is first
   * saturated to {@code MIN_SHIFT..MAX_SHIFT}; {@code x * (1 << left_shift)} wraps at 32 bits.
   */
  public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
    int bounded = Math.max(MIN_SHIFT, Math.min(MAX_SHIFT, shift));
    int leftShift = Math.max(bounded, 0);
    int rightShift = Math.max(-bounded, 0);
    return roundingDivideByPot(saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier),
        rightShift);
  }

  /** The per-row configuration of the post-processing unit; the arrays have one entry per lane. */
  public record RowConfig(int[] bias, int[] multiplier, int[] shift, int zeroPoint, int clampMin, int clampMax,
      boolean requantize, boolean outInt8) {}

  /**
   * One output lane: {@code acc + bias} (wrapping); if requantising, multiplied by the quantized
   * multiplier and shifted, plus the zero point (wrapping); then {@code min(max(v, clampMin),
   * clampMax)} (TFLite's order, so clampMax wins when the bounds cross) and, for int8 output, the
   * same clamp to -128..127.
   */
  public static int lane(int acc, int bias, int multiplier, int shift, RowConfig row) {
    int value = acc + bias;
    if (row.requantize()) {
      value = multiplyByQuantizedMultiplier(value, multiplier, shift) + row.zeroPoint();
    }
    value = Math.min(Math.max(value, row.clampMin()), row.clampMax());
    if (row.outInt8()) {
      value = Math.min(Math.max(value, -128), 127);
    }
    return value;
  }

  /** Every lane of a row. */
  public static int[] row(int[] acc, RowConfig row) {
    int[] out = new int[acc.length];
    for (int k = 0; k < acc.length; k++) {
      out[k] = lane(acc[k], row.bias()[k], row.multiplier()[k], row.shift()[k], row);
    }
    return out;
  }
}
