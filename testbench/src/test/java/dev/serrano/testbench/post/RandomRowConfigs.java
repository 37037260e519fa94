package dev.serrano.testbench.post;

import dev.serrano.testbench.model.Requantize.RowConfig;
import java.util.Random;

/**
 * Random post-processing configurations, typical values and the edges, shared by the unit's test
 * and the memory system's store test: per-tensor and per-channel multipliers and shifts (in and
 * outside TFLite's ranges), zero points, and clamps that are open, ReLU, ReLU6-like, crossed, int8
 * or wide.
 */
public final class RandomRowConfigs {
  private static final int MIN = Integer.MIN_VALUE;
  private static final int MAX = Integer.MAX_VALUE;

  private RandomRowConfigs() {}

  /** A configuration for {@code lanes} lanes; requantising four times in five. */
  public static RowConfig random(Random random, int lanes, boolean outInt8) {
    int[] bias = new int[lanes];
    int[] multiplier = new int[lanes];
    int[] shift = new int[lanes];
    // Per-tensor rows (one multiplier and shift on every lane) as well as per-channel ones.
    boolean perTensor = random.nextInt(4) == 0;
    for (int k = 0; k < lanes; k++) {
      bias[k] = value(random, 1 << 16);
      multiplier[k] = perTensor && k > 0 ? multiplier[0] : multiplier(random);
      shift[k] = perTensor && k > 0 ? shift[0] : shift(random);
    }
    int zeroPoint = random.nextInt(8) == 0 ? value(random, 1 << 20) : random.nextInt(256) - 128;
    int clampMin;
    int clampMax;
    switch (random.nextInt(6)) {
      case 0 -> { clampMin = MIN; clampMax = MAX; }
      case 1 -> { clampMin = zeroPoint; clampMax = MAX; }                                   // ReLU
      case 2 -> { clampMin = zeroPoint; clampMax = zeroPoint + random.nextInt(100); }        // ReLU6-like
      case 3 -> { clampMin = random.nextInt(300) - 150; clampMax = random.nextInt(300) - 150; } // may cross
      case 4 -> { clampMin = -128; clampMax = 127; }
      default -> { clampMin = value(random, 1 << 24); clampMax = value(random, 1 << 24); }
    }
    return new RowConfig(bias, multiplier, shift, zeroPoint, clampMin, clampMax, random.nextInt(5) != 0, outInt8);
  }

  /** Edges, small values, values below {@code typical}, or any int. */
  public static int value(Random random, int typical) {
    return switch (random.nextInt(6)) {
      case 0 -> new int[] {MIN, MAX, 0, -1, 1, MIN + 1, MAX - 1}[random.nextInt(7)];
      case 1 -> random.nextInt(256) - 128;
      case 2, 3 -> random.nextInt(2 * typical) - typical;
      default -> random.nextInt();
    };
  }

  /** Mostly TFLite's [2^30, 2^31) range; also edges, negative, zero and any int. */
  private static int multiplier(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> new int[] {MIN, MAX, 0, -1, 1, 1 << 30, -(1 << 30)}[random.nextInt(7)];
      case 1, 2 -> random.nextInt();
      default -> (1 << 30) + random.nextInt(1 << 30);
    };
  }

  /** Mostly -31..30 (right shifts most often), sometimes outside it (the hardware saturates). */
  private static int shift(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> random.nextInt(256) - 128;
      case 1, 2, 3 -> random.nextInt(62) - 31;
      default -> -random.nextInt(16);
    };
  }
}
