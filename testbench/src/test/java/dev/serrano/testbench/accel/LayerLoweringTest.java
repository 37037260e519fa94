package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Layers lowered to GEMMs (im2col, input zero point folded into the bias), tiled and run on the
 * AcceleratorModel, against the direct-loop TFLite reference; the reference itself against
 * hand-worked values. Seeds are logged; replay one with {@code -Dtiler.seed=<seed>}.
 */
class LayerLoweringTest {
  private static final int[][] ARRAYS = {{4, 4}, {12, 20}, {16, 16}};


  /**
   * A 3 x 3 single-channel input 1..9, z_x = 1, a 3 x 3 filter of ones, bias 0, multiplier 2^30
   * with shift 1 (x 2 x 2^30 / 2^31 = x): each output is the sum of (x - 1) over its window inside
   * the input. SAME, stride 1: corner (0, 0) covers 1, 2, 4, 5: 0 + 1 + 3 + 4 = 8; the centre all
   * nine: 0 + ... + 8 = 36. SAME, stride 2: output 2 x 2, one row and column of padding before,
   * so output (y, x) is centred on input (2y, 2x): (0, 1) covers 2, 3, 5, 6: 1 + 2 + 4 + 5 = 12;
   * (1, 0) covers 4, 5, 7, 8: 3 + 4 + 6 + 7 = 20; (1, 1) covers 5, 6, 8, 9: 4 + 5 + 7 + 8 = 24.
   */
  @Test
  void referenceConvolutionByHand() {
    byte[] input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    byte[] ones = new byte[9];
    Arrays.fill(ones, (byte) 1);
    Requantization identity = new Requantization(new int[] {0}, new int[] {1 << 30}, new int[] {1}, 0, -128, 127);
    byte[] stride1 = LayerReference.conv2d(new Conv2dLayer(Conv2dGeometry.same(3, 3, 1, 1, 3, 3, 1), 1, ones,
        identity), input);
    assertEquals(8, stride1[0]);
    assertEquals(36, stride1[4]);
    Conv2dGeometry strided = Conv2dGeometry.same(3, 3, 1, 1, 3, 3, 2);
    assertEquals(2, strided.outHeight());
    assertEquals(1, strided.padTop());
    byte[] stride2 = LayerReference.conv2d(new Conv2dLayer(strided, 1, ones, identity), input);
    assertArrayEquals(new byte[] {8, 12, 20, 24}, stride2);
  }

  @Test
  void loweredConvolutionsMatchTheDirectReference() {
    long seed = GemmTilerTest.seed();
    System.out.println("LayerLoweringTest conv2d seed=" + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 40; trial++) {
      int kernel = 1 + random.nextInt(3);
      int stride = 1 + random.nextInt(2);
      int inH = kernel + random.nextInt(8);
      int inW = kernel + random.nextInt(8);
      int inC = 1 + random.nextInt(6);
      int outC = 1 + random.nextInt(24);
      int padding = random.nextInt(3);
      Conv2dGeometry g = padding == 2 ? Conv2dGeometry.same(inH, inW, inC, outC, kernel, kernel, stride)
          : Conv2dGeometry.padded(inH, inW, inC, outC, kernel, kernel, stride, Math.min(padding, kernel - 1));
      Conv2dLayer layer = new Conv2dLayer(g, random.nextInt(256) - 128,
          SampleLayers.symmetricWeights(outC * g.filterSize(), random),
          Requantization.random(outC, -13, -9, random));
      byte[] input = new byte[inH * inW * inC];
      random.nextBytes(input);
      String context = "seed " + seed + " trial " + trial + " " + g + " z_x=" + layer.inputZeroPoint();
      assertArrayEquals(LayerReference.conv2d(layer, input), runOnModel(LayerLowering.conv2d(layer, input), random),
          context);
    }
  }

  @Test
  void loweredFullyConnectedLayersMatchTheDirectReference() {
    long seed = GemmTilerTest.seed();
    System.out.println("LayerLoweringTest fullyConnected seed=" + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 40; trial++) {
      int batch = 1 + random.nextInt(5);
      int inputs = 1 + random.nextInt(80);
      int outputs = 1 + random.nextInt(40);
      FullyConnectedLayer layer = new FullyConnectedLayer(inputs, outputs, random.nextInt(256) - 128,
          SampleLayers.symmetricWeights(inputs * outputs, random),
          Requantization.random(outputs, -13, -9, random));
      byte[] input = new byte[batch * inputs];
      random.nextBytes(input);
      String context = "seed " + seed + " trial " + trial + " batch=" + batch + " inputs=" + inputs + " outputs="
          + outputs + " z_x=" + layer.inputZeroPoint();
      assertArrayEquals(LayerReference.fullyConnected(layer, input, batch),
          runOnModel(LayerLowering.fullyConnected(layer, input, batch), random), context);
    }
  }


  private static byte[] runOnModel(LoweredLayer lowered, Random random) {
    int[] array = ARRAYS[random.nextInt(ARRAYS.length)];
    AcceleratorShape shape = new AcceleratorShape(array[0], array[1], 2, 64 + random.nextInt(200), 2,
        8 + random.nextInt(40), 16);
    GemmRun run = GemmRun.run(shape, 4, 8, lowered.m(), lowered.n(), lowered.k(), lowered.a(), lowered.b(),
        lowered.output(), CommandScheduler.random(random), random);
    int[] c = run.c();
    byte[] out = new byte[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = (byte) c[i];
    }
    return out;
  }
}
