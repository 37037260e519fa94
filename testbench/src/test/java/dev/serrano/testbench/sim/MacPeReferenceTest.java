package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * hdl-gen's pe_mac against a reference model written from its Javadoc: at each rising edge with
 * en high, a_out <= a_in, b_out <= b_in, acc <= (clear ? 0 : acc) + a_in * b_in (exact product,
 * sum wrapping modulo 2^accWidth, signed when the element type is); with en low everything holds;
 * reset clears acc.
 */
class MacPeReferenceTest {

  @TempDir
  Path folder;

  @ParameterizedTest(name = "type={0}, accWidth={1}")
  @CsvSource({"s8, 32", "u8, 16", "s4, 8", "s16, 40"})
  void matchesTheReferenceModelOverRandomInputs(String type, int accWidth) {
    DesignInterface pe = GeneratedDesigns.generate(folder, "pe_mac", Map.of("type", type, "accWidth", "" + accWidth));
    boolean signed = type.startsWith("s");
    int width = Integer.parseInt(type.substring(1));
    long seed = System.nanoTime();
    System.out.println("MacPeReferenceTest " + type + "/" + accWidth + " random seed: " + seed);
    Random random = new Random(seed);

    try (Simulation sim = Simulation.start(pe)) {
      sim.reset(2);
      Port en = sim.port("en");
      Port clear = sim.port("clear");
      Port aIn = sim.port("a_in");
      Port bIn = sim.port("b_in");
      long acc = 0;
      long aOut = sim.port("a_out").get();  // data path registers are not reset: start from the model
      long bOut = sim.port("b_out").get();
      for (int cycle = 0; cycle < 2000; cycle++) {
        boolean enable = random.nextInt(4) != 0;
        boolean clearing = random.nextInt(10) == 0;
        long a = operand(random, width, signed);
        long b = operand(random, width, signed);
        en.set(enable ? 1 : 0);
        clear.set(clearing ? 1 : 0);
        aIn.set(a);
        bIn.set(b);
        sim.step();
        if (enable) {
          acc = wrap((clearing ? 0 : acc) + a * b, accWidth, signed);
          aOut = a;
          bOut = b;
        }
        String where = " at cycle " + cycle + " (seed " + seed + ")";
        assertEquals(acc, sim.port("acc").get(), "acc" + where);
        assertEquals(aOut, sim.port("a_out").get(), "a_out" + where);
        assertEquals(bOut, sim.port("b_out").get(), "b_out" + where);
      }
    }
  }

  private static long operand(Random random, int width, boolean signed) {
    long bits = random.nextLong() & ((1L << width) - 1);
    return signed ? wrap(bits, width, true) : bits;
  }

  /** {@code value} modulo 2^width, as a signed or unsigned number of that width. */
  private static long wrap(long value, int width, boolean signed) {
    int unused = 64 - width;
    return signed ? (value << unused) >> unused : (value << unused) >>> unused;
  }
}
