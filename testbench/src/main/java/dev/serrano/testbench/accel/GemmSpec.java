package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;

/**
 * A GEMM in main memory: {@code C[M x N] = A[M x K] * B[K x N]}, A and B int8 row-major (element
 * (i, k) of A at {@code aAddress + i * lda + k}), C row-major with row pitch {@code ldc} bytes,
 * int32 little endian when {@code output} is null, else int8 through that output stage.
 */
public record GemmSpec(int m, int n, int k, long aAddress, long lda, long bAddress, long ldb, long cAddress,
    long ldc, Requantization output) {
  /** Main-memory addresses are 32 bits in the command word. */
  public static final long ADDRESS_LIMIT = 1L << 32;

  public GemmSpec {
    ConfigException.requireRange("m", m, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("n", n, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("k", k, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("lda", lda, k, ADDRESS_LIMIT - 1);
    ConfigException.requireRange("ldb", ldb, n, ADDRESS_LIMIT - 1);
    int elementBytes = output == null ? 4 : 1;
    ConfigException.requireRange("ldc", ldc, (long) n * elementBytes, ADDRESS_LIMIT - 1);
    requireInMemory("aAddress", aAddress, (m - 1) * lda + k);
    requireInMemory("bAddress", bAddress, (k - 1) * ldb + n);
    requireInMemory("cAddress", cAddress, (m - 1) * ldc + (long) n * elementBytes);
    if (output != null && output.channels() != n) {
      throw new IllegalArgumentException("output must have n = " + n + " channels, got " + output.channels());
    }
  }

  /** Bytes of one C element: 4 (int32) or 1 (int8). */
  public int outputElementBytes() {
    return output == null ? 4 : 1;
  }

  private static void requireInMemory(String parameter, long address, long extent) {
    ConfigException.requireRange(parameter, address, 0, ADDRESS_LIMIT - extent);
  }
}
