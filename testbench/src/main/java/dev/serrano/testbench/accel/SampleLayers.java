package dev.serrano.testbench.accel;

import java.util.Random;

/**
 * Random quantised layers for the demo and the benchmarks: TFLite-style symmetric int8 weights,
 * a per-channel bias and quantised multiplier (in [0.5, 0.75) x 2^31) with a right shift, so that
 * outputs spread over the int8 range instead of saturating.
 */
public final class SampleLayers {
  private SampleLayers() {}

  /** A 3 x 3 (or any) convolution of geometry {@code g} with random weights and per-channel requantisation. */
  public static Conv2dLayer conv2d(Conv2dGeometry g, Random random) {
    byte[] weights = symmetricWeights(g.outChannels() * g.filterSize(), random);
    int[] bias = new int[g.outChannels()];
    int[] multiplier = new int[g.outChannels()];
    int[] shift = new int[g.outChannels()];
    // Sums of filterSize products of up to 127 x 128: the shift grows with the filter.
    int baseShift = -6 - (32 - Integer.numberOfLeadingZeros(g.filterSize())) / 2;
    for (int c = 0; c < g.outChannels(); c++) {
      bias[c] = random.nextInt(20001) - 10000;
      multiplier[c] = (1 << 30) + random.nextInt(1 << 29);
      shift[c] = baseShift - random.nextInt(3);
    }
    return new Conv2dLayer(g, random.nextInt(11) - 5, weights, new Requantization(bias, multiplier, shift,
        random.nextInt(11) - 5, -128, 127));
  }

  /** TFLite's symmetric int8 weights: -127 to 127 (never -128). */
  public static byte[] symmetricWeights(int count, Random random) {
    byte[] weights = new byte[count];
    for (int i = 0; i < count; i++) {
      weights[i] = (byte) (random.nextInt(255) - 127);
    }
    return weights;
  }

  /** An NHWC int8 input for {@code g}. */
  public static byte[] input(Conv2dGeometry g, Random random) {
    byte[] input = new byte[g.inHeight() * g.inWidth() * g.inChannels()];
    random.nextBytes(input);
    return input;
  }
}
