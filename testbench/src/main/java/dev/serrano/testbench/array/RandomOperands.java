package dev.serrano.testbench.array;

import dev.serrano.hdl.lib.ElementType;
import dev.serrano.testbench.model.Arithmetic;
import java.math.BigInteger;
import java.util.Random;

/** Random operands for the PE array: matrices of an element type, and initial sums of an accumulator. */
public final class RandomOperands {
  private RandomOperands() {}

  /** Random values of {@code type}, or (extreme) only the type's two ends, so products and sums overflow early. */
  public static long[][] matrix(Random random, int rows, int cols, ElementType type, boolean extreme) {
    int width = type.width();
    long min = type.signed() ? -(1L << (width - 1)) : 0;
    long max = type.signed() ? (1L << (width - 1)) - 1 : (1L << width) - 1;
    long[][] values = new long[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        values[i][j] = extreme ? (random.nextInt(4) == 0 ? max : min == 0 ? max : min)
            : min + (long) (random.nextDouble() * (max - min + 1));
      }
    }
    return values;
  }

  /** Random sums over the whole range of {@code arithmetic} (the WS initial values D). */
  public static BigInteger[][] sums(Random random, int rows, int cols, Arithmetic arithmetic) {
    BigInteger[][] values = new BigInteger[rows][cols];
    BigInteger span = arithmetic.max().subtract(arithmetic.min()).add(BigInteger.ONE);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        values[i][j] = arithmetic.min().add(new BigInteger(span.bitLength() + 8, random).mod(span));
      }
    }
    return values;
  }
}
