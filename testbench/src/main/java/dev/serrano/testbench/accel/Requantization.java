package dev.serrano.testbench.accel;

import dev.serrano.testbench.model.Requantize;
import dev.serrano.testbench.model.Requantize.RowConfig;
import java.util.Arrays;
import java.util.Random;

/**
 * The int8 output stage of a GEMM or layer, per output channel n (a GEMM column): {@code acc +
 * bias[n]}, TFLite's {@code MultiplyByQuantizedMultiplier(., multiplier[n], shift[n])}, plus {@code
 * zeroPoint}, clamped to {@code clampMin..clampMax} and to int8.
 */
public record Requantization(int[] bias, int[] multiplier, int[] shift, int zeroPoint, int clampMin, int clampMax) {
  public Requantization {
    if (multiplier.length != bias.length || shift.length != bias.length) {
      throw new IllegalArgumentException("bias, multiplier and shift must have one entry per channel, got "
          + bias.length + ", " + multiplier.length + " and " + shift.length);
    }
    bias = bias.clone();
    multiplier = multiplier.clone();
    shift = shift.clone();
  }

  /**
   * Per-channel multipliers in TFLite's [2^30, 2^31) and shifts from {@code minShift} to {@code
   * maxShift}, chosen by the caller so that most outputs land inside int8 and the clamps hide no error.
   */
  public static Requantization random(int channels, int minShift, int maxShift, Random random) {
    int[] bias = new int[channels];
    int[] multiplier = new int[channels];
    int[] shift = new int[channels];
    for (int j = 0; j < channels; j++) {
      bias[j] = random.nextInt(20001) - 10000;
      multiplier[j] = (1 << 30) + random.nextInt(1 << 30);
      shift[j] = minShift + random.nextInt(maxShift - minShift + 1);
    }
    int zeroPoint = random.nextInt(41) - 20;
    return new Requantization(bias, multiplier, shift, zeroPoint, -128 + random.nextInt(20), 127 - random.nextInt(20));
  }

  /** One random set of parameters for every channel: TFLite's per-tensor quantisation. */
  public static Requantization randomPerTensor(int channels, int minShift, int maxShift, Random random) {
    Requantization one = random(1, minShift, maxShift, random);
    int[] bias = new int[channels];
    int[] multiplier = new int[channels];
    int[] shift = new int[channels];
    Arrays.fill(bias, one.bias()[0]);
    Arrays.fill(multiplier, one.multiplier()[0]);
    Arrays.fill(shift, one.shift()[0]);
    return new Requantization(bias, multiplier, shift, one.zeroPoint(), one.clampMin(), one.clampMax());
  }

  public int channels() {
    return bias.length;
  }

  public Requantization withBias(int[] newBias) {
    return new Requantization(newBias, multiplier, shift, zeroPoint, clampMin, clampMax);
  }

  /**
   * The post-processing parameters of a store of {@code lanes} lanes whose lane k is channel
   * {@code firstChannel + k}; lanes past the last channel get zeros (they are never stored).
   */
  public RowConfig lanes(int firstChannel, int lanes) {
    int end = Math.min(channels(), firstChannel + lanes);
    return new RowConfig(Arrays.copyOf(Arrays.copyOfRange(bias, firstChannel, end), lanes),
        Arrays.copyOf(Arrays.copyOfRange(multiplier, firstChannel, end), lanes),
        Arrays.copyOf(Arrays.copyOfRange(shift, firstChannel, end), lanes), zeroPoint, clampMin, clampMax, true,
        true);
  }

  /** One output value, written the TFLite way (the reference for the post-processed store). */
  public int apply(int acc, int channel) {
    int scaled = Requantize.multiplyByQuantizedMultiplier(acc + bias[channel], multiplier[channel], shift[channel]);
    int shifted = scaled + zeroPoint;
    return Math.min(Math.max(Math.min(Math.max(shifted, clampMin), clampMax), -128), 127);
  }
}
