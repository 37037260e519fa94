package dev.serrano.testbench.model;

/**
 * SCALE-Sim's stall-free closed form (v2, checked against its own runs; see
 * shared/reference/models.md section 1.4). A GEMM maps to (Sr, Sc, T): WS (K, N, M), OS (M, N, K);
 * {@code folds = ceil(Sr / R) * ceil(Sc / C)}; per fold WS takes 2R + C + T - 2 cycles and OS
 * R + C + T - 2. SCALE-Sim prints one less (the index of the last cycle).
 */
public final class ScaleSimModel {
  private ScaleSimModel() {}

  public static long wsCycles(int rows, int cols, long m, long n, long k) {
    return folds(rows, cols, k, n) * (2L * rows + cols + m - 2);
  }

  public static long osCycles(int rows, int cols, long m, long n, long k) {
    return folds(rows, cols, m, n) * ((long) rows + cols + k - 2);
  }

  /** What SCALE-Sim prints as "Total Cycles": the last cycle's index. */
  public static long printed(long cycles) {
    return cycles - 1;
  }

  static long folds(int rows, int cols, long spatialRows, long spatialCols) {
    return ceilDiv(spatialRows, rows) * ceilDiv(spatialCols, cols);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
