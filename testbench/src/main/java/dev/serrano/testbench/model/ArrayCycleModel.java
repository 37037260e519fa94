package dev.serrano.testbench.model;

/**
 * The exact cycle count of the generated PE array for one GEMM, fed by a source that never waits
 * (the schedule of {@code PeArrayDriver}), counted in enabled clock edges from the first edge
 * after reset to the edge that takes the last result. Rt and Ct are the register stages a wave
 * crosses (rows / tileRows, cols / tileCols); L = Rt + Ct - 1 is the WS latency.
 *
 * <p>WS runs F = ceil(K/R) * ceil(N/C) folds, K-folds of one column block back to back, each a
 * weight tile (R beats) and M input rows. With C_f the edge that commits fold f's weights and E_f
 * the edge that takes its first row:
 * <pre>
 *   C_0 = R + 1            C_1 = C_0 + R
 *   C_f = max(C_{f-1} + R, E_{f-1} + max(1, Rt + Ct - 3))        (f >= 2: wait for the buffer)
 *   E_0 = C_0 + 1
 *   E_f = max(C_f + 1, E_{f-1} + M, E_{f-1} + L + 1 if f continues a K chain)
 *   cycles = E_{F-1} + M + L - 1
 * </pre>
 * (a continuing K-fold feeds the previous fold's results back as its initial sums; the source
 * registers a result before sending it back, so a row waits L + 1 edges after its predecessor in
 * the chain). When M >= max(R, L + 1) this is {@code R + F * M + L + 1}: loading the next weights
 * and filling the pipeline hide behind the stream.
 *
 * <p>OS runs T = ceil(M/R) * ceil(N/C) tiles of K beats; X_t is the edge that takes tile t's last
 * beat, G = Rt + Ct + R - 2 the spacing the drain needs:
 * <pre>
 *   X_0 = K                X_t = max(X_{t-1} + K, X_{t-1} + G)
 *   cycles = X_{T-1} + Rt + Ct + R - 2
 * </pre>
 * When K >= G this is {@code T * K + Rt + Ct + R - 2}.
 */
public final class ArrayCycleModel {
  private ArrayCycleModel() {}

  public static long wsCycles(int rows, int cols, int tileRows, int tileCols, long m, long n, long k) {
    int rt = rows / tileRows;
    int ct = cols / tileCols;
    long latency = rt + ct - 1;
    long kFolds = ScaleSimModel.ceilDiv(k, rows);
    long folds = kFolds * ScaleSimModel.ceilDiv(n, cols);
    long commit = rows + 1L;
    long first = commit + 1;
    for (long f = 1; f < folds; f++) {
      long previousCommit = commit;
      commit = f == 1 ? previousCommit + rows : Math.max(previousCommit + rows, first + Math.max(1, rt + ct - 3));
      long next = Math.max(commit + 1, first + m);
      if (f % kFolds != 0) {
        next = Math.max(next, first + latency + 1);
      }
      first = next;
    }
    return first + m + latency - 1;
  }

  public static long osCycles(int rows, int cols, int tileRows, int tileCols, long m, long n, long k) {
    int rt = rows / tileRows;
    int ct = cols / tileCols;
    long gap = rt + ct + rows - 2L;
    long tiles = ScaleSimModel.ceilDiv(m, rows) * ScaleSimModel.ceilDiv(n, cols);
    long last = k;
    for (long t = 1; t < tiles; t++) {
      last = Math.max(last + k, last + gap);
    }
    return last + rt + ct + rows - 2;
  }
}
