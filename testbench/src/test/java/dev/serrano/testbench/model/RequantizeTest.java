package dev.serrano.testbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.testbench.model.Requantize.RowConfig;
import org.junit.jupiter.api.Test;

/**
 * The requantisation reference against values worked out by hand from gemmlowp's and TFLite's
 * definitions (the working is in the comments), not by running the code.
 */
class RequantizeTest {
  private static final int MIN = Integer.MIN_VALUE;
  private static final int MAX = Integer.MAX_VALUE;
  private static final int HALF = 1 << 30;

  @Test
  void saturatingRoundingDoublingHighMul() {
    // The one overflowing pair: 2 * 2^62 / 2^32 = 2^31 does not fit, saturates.
    assertEquals(MAX, Requantize.saturatingRoundingDoublingHighMul(MIN, MIN));
    // (2^31-1)^2 = 2^62 - 2^32 + 1; + 2^30, / 2^31 = 2^31 - 2 + 0.5 + tiny, truncated.
    assertEquals(MAX - 1, Requantize.saturatingRoundingDoublingHighMul(MAX, MAX));
    // -2^62 + 2^31, + 1 - 2^30 = ..., / 2^31 = -2^31 + 0.5 + tiny, truncated toward zero.
    assertEquals(MIN + 1, Requantize.saturatingRoundingDoublingHighMul(MIN, MAX));
    // b = 2^30 halves a: ties go toward +infinity (positive nudge 2^30, negative 1 - 2^30).
    assertEquals(1, Requantize.saturatingRoundingDoublingHighMul(1, HALF));      // 0.5
    assertEquals(2, Requantize.saturatingRoundingDoublingHighMul(3, HALF));      // 1.5
    assertEquals(0, Requantize.saturatingRoundingDoublingHighMul(-1, HALF));     // -0.5
    assertEquals(-1, Requantize.saturatingRoundingDoublingHighMul(-3, HALF));    // -1.5
    assertEquals(50, Requantize.saturatingRoundingDoublingHighMul(100, HALF));
    // b = -2^31 negates exactly: -5 * 2^31 + 1 - 2^30, / 2^31 = -5.5 + tiny, truncated to -5.
    assertEquals(-5, Requantize.saturatingRoundingDoublingHighMul(5, MIN));
    assertEquals(0, Requantize.saturatingRoundingDoublingHighMul(-7, 0));
    // 1000 * 1518500250 = 1 518 500 250 000 = 707 * 2^31 + 229 310 864, remainder below 2^30.
    assertEquals(707, Requantize.saturatingRoundingDoublingHighMul(1000, 1518500250));
  }

  @Test
  void roundingDivideByPotRoundsHalvesAwayFromZero() {
    assertEquals(-2, Requantize.roundingDivideByPot(-3, 1));   // -1.5
    assertEquals(-1, Requantize.roundingDivideByPot(-5, 2));   // -1.25
    assertEquals(3, Requantize.roundingDivideByPot(5, 1));     // 2.5
    assertEquals(2, Requantize.roundingDivideByPot(3, 1));     // 1.5
    assertEquals(-1, Requantize.roundingDivideByPot(-1, 1));   // -0.5
    assertEquals(-2, Requantize.roundingDivideByPot(-6, 2));   // -1.5: remainder 2, threshold 2
    assertEquals(2, Requantize.roundingDivideByPot(6, 2));     // 1.5: remainder 2, threshold 1
    assertEquals(7, Requantize.roundingDivideByPot(7, 0));
    assertEquals(-1, Requantize.roundingDivideByPot(MIN, 31)); // exactly -1
    assertEquals(1, Requantize.roundingDivideByPot(MAX, 31));  // 0.99999...
    assertEquals(-1, Requantize.roundingDivideByPot(-HALF, 31)); // -0.5: remainder 2^30, threshold 2^30
    assertEquals(1, Requantize.roundingDivideByPot(HALF, 31));   // 0.5: threshold 2^30 - 1
  }

  @Test
  void multiplyByQuantizedMultiplier() {
    assertEquals(50, Requantize.multiplyByQuantizedMultiplier(100, HALF, 0));
    assertEquals(100, Requantize.multiplyByQuantizedMultiplier(100, HALF, 1));
    assertEquals(25, Requantize.multiplyByQuantizedMultiplier(100, HALF, -1));
    // -2.5 rounds toward +infinity in the high multiply, then -2 / 2 = -1 exactly.
    assertEquals(-2, Requantize.multiplyByQuantizedMultiplier(-5, HALF, 0));
    assertEquals(-1, Requantize.multiplyByQuantizedMultiplier(-5, HALF, -1));
    // 3 * 2^30 wraps to -2^30 in int32; -2^60 / 2^31 = -2^29.
    assertEquals(-(1 << 29), Requantize.multiplyByQuantizedMultiplier(3, HALF, 30));
    assertEquals(MAX, Requantize.multiplyByQuantizedMultiplier(MIN, MIN, 0));
    // Shifts saturate to -31..30: -40 acts as -31 (2^31 - 2 over 2^31 rounds to 1), 40 as 30.
    assertEquals(1, Requantize.multiplyByQuantizedMultiplier(MAX, MAX, -40));
    assertEquals(1 << 29, Requantize.multiplyByQuantizedMultiplier(1, HALF, 40));
  }

  @Test
  void rowAddsBiasRequantisesOffsetsAndClamps() {
    // 1000 - 24 = 976; 976 / 2 = 488; 488 / 4 = 122; - 10 = 112.
    assertArrayEquals(new int[] {112}, Requantize.row(new int[] {1000}, row(-24, -2, -10, -128, 127, true, true)));
    assertArrayEquals(new int[] {100}, Requantize.row(new int[] {1000}, row(-24, -2, -10, -128, 100, true, false)));
    // Pass-through: biased value, clamped, then to the int8 range.
    assertArrayEquals(new int[] {976}, Requantize.row(new int[] {1000}, row(-24, -2, -10, MIN, MAX, false, false)));
    assertArrayEquals(new int[] {127}, Requantize.row(new int[] {1000}, row(-24, -2, -10, MIN, MAX, false, true)));
    // The bias wraps; crossed clamps give the maximum (min applied last).
    assertArrayEquals(new int[] {MIN}, Requantize.row(new int[] {MAX}, row(1, 0, 0, MIN, MAX, false, false)));
    assertArrayEquals(new int[] {5}, Requantize.row(new int[] {0}, row(0, 0, 0, 10, 5, false, false)));
  }

  private static RowConfig row(int bias, int shift, int zeroPoint, int clampMin, int clampMax, boolean requantize,
      boolean outInt8) {
    return new RowConfig(new int[] {bias}, new int[] {HALF}, new int[] {shift}, zeroPoint, clampMin, clampMax,
        requantize, outInt8);
  }
}
