package dev.serrano.testbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The analytical models against SCALE-Sim's own published runs and against their closed forms. */
class CycleModelsTest {
  @Test
  void scaleSimClosedFormReproducesItsGoldenRuns() {
    // shared/reference/models.md 1.6: SCALE-Sim v3 golden traces, 32 x 32, GEMM M=256 N=128 K=256, stall-free part.
    assertEquals(11199, ScaleSimModel.printed(ScaleSimModel.wsCycles(32, 32, 256, 128, 256)));
    assertEquals(10175, ScaleSimModel.printed(ScaleSimModel.osCycles(32, 32, 256, 128, 256)));
    // v2 golden trace: AlexNet conv1 as GEMM M=3025 N=96 K=363 on 32 x 32 WS.
    assertEquals(112283, ScaleSimModel.printed(ScaleSimModel.wsCycles(32, 32, 3025, 96, 363)));
    // Validation grid excerpt: 16^3 on 4 x 4.
    assertEquals(351, ScaleSimModel.printed(ScaleSimModel.osCycles(4, 4, 16, 16, 16)));
    assertEquals(415, ScaleSimModel.printed(ScaleSimModel.wsCycles(4, 4, 16, 16, 16)));
  }

  @Test
  void wsRecurrenceMeetsItsClosedFormWhenTheStreamHidesLoading() {
    for (int rows : new int[] {1, 2, 4, 16}) {
      for (int cols : new int[] {1, 3, 16}) {
        long latency = rows + cols - 1;
        for (long m = Math.max(rows, latency + 1); m < Math.max(rows, latency + 1) + 40; m += 7) {
          for (long k : new long[] {1, rows, 3L * rows + 1}) {
            long n = 2L * cols + 1;
            long folds = ceil(k, rows) * ceil(n, cols);
            assertEquals(rows + folds * m + latency + 1, ArrayCycleModel.wsCycles(rows, cols, 1, 1, m, n, k),
                rows + "x" + cols + " M=" + m + " K=" + k);
          }
        }
      }
    }
  }

  @Test
  void osRecurrenceMeetsItsClosedFormWhenKCoversTheDrain() {
    int rows = 8;
    int cols = 4;
    long gap = rows + cols + rows - 2;
    for (long k = gap; k < gap + 20; k++) {
      long tiles = ceil(20, rows) * ceil(9, cols);
      assertEquals(tiles * k + rows + cols + rows - 2, ArrayCycleModel.osCycles(rows, cols, 1, 1, 20, 9, k));
    }
  }

  @Test
  void wsNeverNeedsMoreCyclesThanScaleSim() {
    for (int side : new int[] {4, 8, 16, 32}) {
      for (long[] gemm : new long[][] {{1, 64, 64}, {64, 64, 64}, {256, 256, 256}, {100, 50, 70}, {197, 768, 768}}) {
        long rtl = ArrayCycleModel.wsCycles(side, side, 1, 1, gemm[0], gemm[1], gemm[2]);
        long scaleSim = ScaleSimModel.wsCycles(side, side, gemm[0], gemm[1], gemm[2]);
        assertTrue(rtl <= scaleSim, side + " " + java.util.Arrays.toString(gemm) + ": " + rtl + " > " + scaleSim);
      }
    }
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
