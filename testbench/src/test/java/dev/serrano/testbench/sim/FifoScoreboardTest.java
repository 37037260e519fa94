package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.GeneratedDesigns;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * hdl-gen's fifo against its Javadoc contract, with random valid/ready stalls on both sides: words
 * leave in order, at most depth + 1 are held, a word offered stays offered and stable until taken,
 * and with both sides always willing it moves one word per cycle. Latency: the Javadoc's storage is
 * a memory followed by an output register, so a word written into the memory at the accepting
 * edge t reaches the output register at t + 1 at the earliest and is taken at t + 2 at the
 * earliest.
 */
class FifoScoreboardTest {

  private record Word(BigInteger data, long acceptedAt) {}

  @TempDir
  Path folder;

  @ParameterizedTest(name = "width={0}, depth={1}")
  @CsvSource({"8, 4", "70, 8"})
  void keepsOrderAndContractUnderRandomStalls(int width, int depth) {
    var design = GeneratedDesigns.generate(folder, "fifo", Map.of("width", "" + width, "depth", "" + depth));
    long seed = System.nanoTime();
    System.out.println("FifoScoreboardTest w" + width + " d" + depth + " random seed: " + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(design)) {
      sim.reset(2);
      Port inValid = sim.port("in_valid");
      Port inReady = sim.port("in_ready");
      Port inData = sim.port("in_data");
      Port outValid = sim.port("out_valid");
      Port outReady = sim.port("out_ready");
      Port outData = sim.port("out_data");
      ArrayDeque<Word> held = new ArrayDeque<>();
      BigInteger offered = null;
      int moved = 0;
      for (int cycle = 0; cycle < 5000; cycle++) {
        boolean steady = cycle >= 4000 && cycle < 4200;  // both sides always willing
        boolean push = steady || random.nextInt(3) != 0;
        boolean pop = steady || random.nextInt(3) != 0;
        BigInteger data = new BigInteger(width, random);
        String where = " at cycle " + sim.cycle() + " (seed " + seed + ")";

        boolean ready = inReady.get() == 1;
        boolean valid = outValid.get() == 1;
        BigInteger current = valid ? outData.getBigInteger() : null;
        if (offered != null) {
          assertTrue(valid, "out_valid dropped before its word was taken" + where);
          assertEquals(offered, current, "out_data changed while offered" + where);
        }
        inValid.set(push ? 1 : 0);
        inData.set(data);
        outReady.set(pop ? 1 : 0);
        sim.step();

        if (push && ready) {
          held.add(new Word(data, sim.cycle()));
        }
        if (valid && pop) {
          Word expected = held.poll();
          assertTrue(expected != null, "a word came out of an empty FIFO" + where);
          assertEquals(expected.data(), current, "order" + where);
          assertTrue(sim.cycle() >= expected.acceptedAt() + 2, "word taken too early" + where);
          offered = null;
          if (steady) {
            moved++;
          }
        } else {
          offered = current;
        }
        assertTrue(held.size() <= depth + 1, "holds " + held.size() + " words" + where);
      }
      assertTrue(moved >= 195, "one word per cycle when both sides are willing: " + moved + " in 200 cycles");
    }
  }
}
