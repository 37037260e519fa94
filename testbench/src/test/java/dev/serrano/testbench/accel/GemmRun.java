package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.accel.CommandScheduler.Policy;
import java.util.Arrays;
import java.util.Random;

/**
 * One GEMM through the tiler and the model: A, B and C placed in a main memory of random bytes
 * with random row padding, the program run under a policy, C read back; everything outside C's
 * rows must keep its random bytes.
 */
final class GemmRun {
  final GemmSpec spec;
  final GemmProgram program;
  final AcceleratorModel model;
  final CommandScheduler.Result tokens;
  final byte[] memory;

  private GemmRun(GemmSpec spec, GemmProgram program, AcceleratorModel model, CommandScheduler.Result tokens,
      byte[] memory) {
    this.spec = spec;
    this.program = program;
    this.model = model;
    this.tokens = tokens;
    this.memory = memory;
  }

  /**
   * @param a M x K row-major, {@code b} K x N row-major
   * @param output null for int32 C
   */
  static GemmRun run(AcceleratorShape shape, int maxTokens, int queueDepth, int m, int n, int k, byte[] a,
      byte[] b, Requantization output, Policy policy, Random random) {
    int elementBytes = output == null ? 4 : 1;
    long lda = k + random.nextInt(4);
    long ldb = n + random.nextInt(4);
    long ldc = (long) n * elementBytes + random.nextInt(5);
    long aAddress = random.nextInt(64);
    long bAddress = aAddress + m * lda + random.nextInt(64);
    long cAddress = bAddress + k * ldb + random.nextInt(64);
    byte[] memory = new byte[(int) (cAddress + m * ldc + 64)];
    random.nextBytes(memory);
    for (int i = 0; i < m; i++) {
      System.arraycopy(a, i * k, memory, (int) (aAddress + i * lda), k);
    }
    for (int i = 0; i < k; i++) {
      System.arraycopy(b, i * n, memory, (int) (bAddress + i * ldb), n);
    }
    byte[] before = memory.clone();
    GemmSpec spec = new GemmSpec(m, n, k, aAddress, lda, bAddress, ldb, cAddress, ldc, output);
    GemmProgram program = GemmTiler.tile(shape, spec, maxTokens);
    AcceleratorModel model = new AcceleratorModel(shape, maxTokens, queueDepth, memory);
    CommandScheduler.Result tokens = model.run(program.steps(), policy);
    GemmRun run = new GemmRun(spec, program, model, tokens, memory);
    run.assertOnlyCWritten(before);
    return run;
  }

  /** C's element (i, j) as an int (int32 little endian or int8). */
  int c(int i, int j) {
    int at = (int) (spec.cAddress() + i * spec.ldc() + (long) j * spec.outputElementBytes());
    if (spec.output() != null) {
      return memory[at];
    }
    return (memory[at] & 0xff) | (memory[at + 1] & 0xff) << 8 | (memory[at + 2] & 0xff) << 16 | memory[at + 3] << 24;
  }

  int[] c() {
    int[] c = new int[spec.m() * spec.n()];
    for (int i = 0; i < spec.m(); i++) {
      for (int j = 0; j < spec.n(); j++) {
        c[i * spec.n() + j] = c(i, j);
      }
    }
    return c;
  }

  private void assertOnlyCWritten(byte[] before) {
    byte[] outside = memory.clone();
    int rowBytes = spec.n() * spec.outputElementBytes();
    for (int i = 0; i < spec.m(); i++) {
      int at = (int) (spec.cAddress() + i * spec.ldc());
      System.arraycopy(before, at, outside, at, rowBytes);
    }
    assertTrue(Arrays.equals(before, outside), "a byte outside C's rows changed");
  }

  static void assertSameMatrix(int[] expected, int[] actual, int n, String context) {
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        assertArrayEquals(expected, actual, context + ": first difference at row " + i / n + " column " + i % n);
      }
    }
  }
}
