package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.testbench.TestDesigns;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Round-trips values through ports of 1 to 300 bits, signed and unsigned. The design computes
 * out = in + 1 with wrap-around, so the expected output is computed here with BigInteger from
 * the port's width and signedness alone.
 */
class PortWidthsTest {

  private static final int[] WIDTHS = {1, 8, 32, 63, 64, 65, 128, 300};
  private static Simulation sim;

  @BeforeAll
  static void start() {
    sim = Simulation.start(TestDesigns.load("port_widths"));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void edgeValuesRoundTripThroughEveryWidth() {
    for (int width : WIDTHS) {
      for (boolean signed : new boolean[] {false, true}) {
        for (BigInteger value : edgeValues(width, signed)) {
          checkRoundTrip(width, signed, value);
        }
      }
    }
  }

  @Test
  void randomValuesRoundTripThroughEveryWidth() {
    long seed = System.nanoTime();
    System.out.println("PortWidthsTest random seed: " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      for (int width : WIDTHS) {
        for (boolean signed : new boolean[] {false, true}) {
          BigInteger bits = new BigInteger(width, random);
          checkRoundTrip(width, signed, signed ? toSigned(bits, width) : bits);
        }
      }
    }
  }

  @Test
  void narrowPortsReadAndWriteLongsWithSignExtension() {
    sim.port("in_s8").set(-128);
    sim.port("in_u63").set(Long.MAX_VALUE);  // 2^63 - 1, the largest 63-bit value
    sim.port("in_u64").set(-1L);  // raw bits of 2^64 - 1
    sim.eval();
    assertEquals(-127, sim.port("out_s8").get());
    assertEquals(0, sim.port("out_u63").get(), "2^63 - 1 + 1 wraps to 0 in 63 bits");
    assertEquals(0, sim.port("out_u64").get(), "2^64 - 1 + 1 wraps to 0 in 64 bits");
    assertEquals(new BigInteger("18446744073709551615"), sim.port("in_u64").getBigInteger());
  }

  @Test
  void wordsRoundTripWithoutBigInteger() {
    int[] words = new int[10];  // 300 bits
    for (int i = 0; i < words.length; i++) {
      words[i] = 0x1111_1111 * (i + 1);
    }
    words[9] &= 0xFFF;  // 300 - 9 * 32 = 12 bits in the top word
    sim.port("in_u300").setWords(words);
    int[] back = new int[10];
    sim.port("in_u300").getWords(back);
    assertArrayEquals(words, back);
  }

  private static void checkRoundTrip(int width, boolean signed, BigInteger value) {
    String suffix = (signed ? "s" : "u") + width;
    Port in = sim.port("in_" + suffix);
    in.set(value);
    sim.eval();
    assertEquals(value, in.getBigInteger(), "in_" + suffix);
    BigInteger expected = value.add(BigInteger.ONE).mod(BigInteger.ONE.shiftLeft(width));
    if (signed) {
      expected = toSigned(expected, width);
    }
    assertEquals(expected, sim.port("out_" + suffix).getBigInteger(), "out_" + suffix + " for " + value);
    if (width <= 64) {
      assertEquals(expected.longValue(), sim.port("out_" + suffix).get() , "get() of out_" + suffix);
    }
  }

  private static List<BigInteger> edgeValues(int width, boolean signed) {
    BigInteger span = BigInteger.ONE.shiftLeft(width);
    List<BigInteger> values = new ArrayList<>();
    if (signed) {
      BigInteger half = span.shiftRight(1);
      values.addAll(List.of(half.negate(), half.subtract(BigInteger.ONE), BigInteger.ZERO));
      if (width > 1) {
        values.addAll(List.of(BigInteger.ONE.negate(), BigInteger.ONE));
      }
    } else {
      values.addAll(List.of(BigInteger.ZERO, BigInteger.ONE, span.subtract(BigInteger.ONE)));
    }
    return values;
  }

  private static BigInteger toSigned(BigInteger bits, int width) {
    return bits.testBit(width - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(width)) : bits;
  }
}
