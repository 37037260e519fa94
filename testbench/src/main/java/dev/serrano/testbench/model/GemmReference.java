package dev.serrano.testbench.model;

import java.math.BigInteger;

/**
 * Bit-exact GEMM as the PE array defines it: {@code C[m][n] = D[m][n] + sum over k of
 * A[m][k] * B[k][n]}, the products exact, the sum taken in order k = 0, 1, ... at the
 * accumulator width, wrapping or saturating after every addition.
 */
public final class GemmReference {
  private GemmReference() {}

  /** @param d the initial sums (M x N), or null for zeros */
  public static BigInteger[][] gemm(long[][] a, long[][] b, BigInteger[][] d, Arithmetic arithmetic) {
    int m = a.length;
    int k = b.length;
    int n = b[0].length;
    BigInteger[][] c = new BigInteger[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        BigInteger acc = d == null ? BigInteger.ZERO : d[i][j];
        for (int x = 0; x < k; x++) {
          acc = arithmetic.add(acc, BigInteger.valueOf(a[i][x]).multiply(BigInteger.valueOf(b[x][j])));
        }
        c[i][j] = acc;
      }
    }
    return c;
  }
}
