package dev.serrano.testbench.array;

import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.testbench.model.Arithmetic;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Runs whole GEMMs on a simulated {@code pe_array} through its documented stream contract, one
 * cycle at a time through zero-copy ports, as a source that never waits would: weight tiles and
 * rows are offered as early as the contract allows. Optionally lowers {@code en} on random cycles
 * to check that stalls lose nothing.
 *
 * <p>WS: folds over (column block, K block), K blocks of one column block back to back; the first
 * K block starts from D and each next one from the previous block's results, so the sum runs in
 * k order over all of K. OS: tiles over (row block, column block), each K beats.
 */
public final class PeArrayDriver {
  /** The product matrix and the enabled cycles from reset release to the last result taken. */
  public record Result(BigInteger[][] c, long cycles, long stalls) {}

  private final Simulation sim;
  private final ArrayConfig config;
  private final Arithmetic arithmetic;
  private final Random stallRandom;
  private final double stallProbability;
  private final Port en;
  private final Port inValid;
  private final Port inReady;
  private final Port inFirst;
  private final Port inA;
  private final Port outValid;
  private final Port outC;

  /** @param stallProbability the chance of {@code en} low in a cycle (0 for none), drawn from {@code stallSeed} */
  public PeArrayDriver(Simulation sim, ArrayConfig config, double stallProbability, long stallSeed) {
    this.sim = sim;
    this.config = config;
    this.arithmetic = new Arithmetic(config.accWidth(), config.signedArithmetic(), config.saturate());
    this.stallProbability = stallProbability;
    this.stallRandom = new Random(stallSeed);
    this.en = sim.port("en");
    this.inValid = sim.port("in_valid");
    this.inReady = sim.port("in_ready");
    this.inFirst = sim.port("in_first");
    this.inA = sim.port("in_a");
    this.outValid = sim.port("out_valid");
    this.outC = sim.port("out_c");
  }

  public Arithmetic arithmetic() {
    return arithmetic;
  }

  /** C = D + A (M x K) x W (K x N) in the weight-stationary dataflow; D may be null (zeros). */
  public Result runWs(long[][] a, long[][] w, BigInteger[][] d) {
    selectMode(false);
    int rows = config.rows();
    int cols = config.cols();
    int m = a.length;
    int k = w.length;
    int n = w[0].length;
    int kFolds = ceilDiv(k, rows);
    int nFolds = ceilDiv(n, cols);
    int folds = kFolds * nFolds;
    Port wValid = sim.port("w_valid");
    Port wReady = sim.port("w_ready");
    Port wRow = sim.port("w_row");
    Port inD = sim.port("in_d");

    Deque<BigInteger> weightBeats = new ArrayDeque<>();
    for (int f = 0; f < folds; f++) {
      int k0 = (f % kFolds) * rows;
      int n0 = (f / kFolds) * cols;
      for (int r = rows - 1; r >= 0; r--) {
        long[] row = new long[cols];
        for (int c = 0; c < cols; c++) {
          row[c] = k0 + r < k && n0 + c < n ? w[k0 + r][n0 + c] : 0;
        }
        weightBeats.add(pack(row, config.weight().width()));
      }
    }
    BigInteger[][][] foldOut = new BigInteger[folds][m][];
    int inputFold = 0;
    int inputRow = 0;
    int outputFold = 0;
    int outputRow = 0;
    long cycles = 0;
    long stalls = 0;
    while (outputFold < folds) {
      boolean enabled = drawEnable();
      en.set(enabled ? 1 : 0);
      wValid.set(weightBeats.isEmpty() ? 0 : 1);
      if (!weightBeats.isEmpty()) {
        wRow.set(weightBeats.peek());
      }
      boolean offer = inputFold < folds;
      if (offer) {
        int kFold = inputFold % kFolds;
        int k0 = kFold * rows;
        int n0 = (inputFold / kFolds) * cols;
        BigInteger[] initial = kFold == 0 ? initialSums(d, inputRow, n0) : foldOut[inputFold - 1][inputRow];
        offer = initial != null;
        if (offer) {
          long[] row = new long[rows];
          for (int r = 0; r < rows; r++) {
            row[r] = k0 + r < k ? a[inputRow][k0 + r] : 0;
          }
          inA.set(pack(row, config.input().width()));
          inD.set(packSums(initial));
          inFirst.set(inputRow == 0 ? 1 : 0);
        }
      }
      inValid.set(offer ? 1 : 0);
      sim.eval();
      boolean weightTaken = enabled && !weightBeats.isEmpty() && wReady.get() == 1;
      boolean rowTaken = enabled && offer && inReady.get() == 1;
      boolean resultTaken = enabled && outValid.get() == 1;
      if (resultTaken) {
        foldOut[outputFold][outputRow] = unpackSums(outC.getBigInteger());
        if (++outputRow == m) {
          outputRow = 0;
          outputFold++;
        }
      }
      sim.step();
      cycles += enabled ? 1 : 0;
      stalls += enabled ? 0 : 1;
      if (weightTaken) {
        weightBeats.poll();
      }
      if (rowTaken && ++inputRow == m) {
        inputRow = 0;
        inputFold++;
      }
    }
    BigInteger[][] c = new BigInteger[m][n];
    for (int nf = 0; nf < nFolds; nf++) {
      BigInteger[][] last = foldOut[nf * kFolds + kFolds - 1];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < cols && nf * cols + j < n; j++) {
          c[i][nf * cols + j] = last[i][j];
        }
      }
    }
    return new Result(c, cycles, stalls);
  }

  /** C = A (M x K) x B (K x N) in the output-stationary dataflow. */
  public Result runOs(long[][] a, long[][] b) {
    selectMode(true);
    int rows = config.rows();
    int cols = config.cols();
    int m = a.length;
    int k = b.length;
    int n = b[0].length;
    int nFolds = ceilDiv(n, cols);
    int tiles = ceilDiv(m, rows) * nFolds;
    Port inB = sim.port("in_b");
    Port inLast = sim.port("in_last");
    BigInteger[][] c = new BigInteger[m][n];
    int beatTile = 0;
    int beat = 0;
    int resultTile = 0;
    int resultRow = rows - 1;
    long cycles = 0;
    long stalls = 0;
    while (resultTile < tiles) {
      boolean enabled = drawEnable();
      en.set(enabled ? 1 : 0);
      boolean offer = beatTile < tiles;
      if (offer) {
        int m0 = (beatTile / nFolds) * rows;
        int n0 = (beatTile % nFolds) * cols;
        long[] column = new long[rows];
        for (int r = 0; r < rows; r++) {
          column[r] = m0 + r < m ? a[m0 + r][beat] : 0;
        }
        long[] row = new long[cols];
        for (int j = 0; j < cols; j++) {
          row[j] = n0 + j < n ? b[beat][n0 + j] : 0;
        }
        inA.set(pack(column, config.input().width()));
        inB.set(pack(row, config.weight().width()));
        inFirst.set(beat == 0 ? 1 : 0);
        inLast.set(beat == k - 1 ? 1 : 0);
      }
      inValid.set(offer ? 1 : 0);
      sim.eval();
      boolean beatTaken = enabled && offer && inReady.get() == 1;
      if (enabled && outValid.get() == 1) {
        BigInteger[] sums = unpackSums(outC.getBigInteger());
        int m0 = (resultTile / nFolds) * rows;
        int n0 = (resultTile % nFolds) * cols;
        for (int j = 0; j < cols; j++) {
          if (m0 + resultRow < m && n0 + j < n) {
            c[m0 + resultRow][n0 + j] = sums[j];
          }
        }
        if (--resultRow < 0) {
          resultRow = rows - 1;
          resultTile++;
        }
      }
      sim.step();
      cycles += enabled ? 1 : 0;
      stalls += enabled ? 0 : 1;
      if (beatTaken && ++beat == k) {
        beat = 0;
        beatTile++;
      }
    }
    return new Result(c, cycles, stalls);
  }

  private void selectMode(boolean os) {
    if (sim.design().port("mode_os").isPresent()) {
      sim.port("mode_os").set(os ? 1 : 0);
    }
  }

  private boolean drawEnable() {
    return stallProbability <= 0 || stallRandom.nextDouble() >= stallProbability;
  }

  private BigInteger[] initialSums(BigInteger[][] d, int row, int n0) {
    BigInteger[] sums = new BigInteger[config.cols()];
    for (int j = 0; j < sums.length; j++) {
      sums[j] = d != null && n0 + j < d[0].length ? d[row][n0 + j] : BigInteger.ZERO;
    }
    return sums;
  }

  private static BigInteger pack(long[] values, int width) {
    BigInteger packed = BigInteger.ZERO;
    for (int i = values.length - 1; i >= 0; i--) {
      packed = packed.shiftLeft(width).or(Arithmetic.toBits(BigInteger.valueOf(values[i]), width));
    }
    return packed;
  }

  private BigInteger packSums(BigInteger[] sums) {
    BigInteger packed = BigInteger.ZERO;
    for (int i = sums.length - 1; i >= 0; i--) {
      packed = packed.shiftLeft(config.accWidth()).or(Arithmetic.toBits(sums[i], config.accWidth()));
    }
    return packed;
  }

  private BigInteger[] unpackSums(BigInteger packed) {
    BigInteger[] sums = new BigInteger[config.cols()];
    for (int j = 0; j < sums.length; j++) {
      sums[j] = Arithmetic.fromBits(packed.shiftRight(j * config.accWidth()), config.accWidth(),
          config.signedArithmetic());
    }
    return sums;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
