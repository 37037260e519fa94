package dev.serrano.testbench.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.dma.ByteRepacker;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The byte repacker against a reference written from its contract: the bytes of a segment, laid
 * out from the segment's offset and cut into words of the selected length, each with the mask of
 * the bytes it carries and zeros elsewhere, the last flagged. Random units, gaps and output stalls.
 */
class ByteRepackerTest {

  private record Unit(byte[] data, int lo, int hi, boolean first, int offset, boolean last, int lengthIndex) {}

  private record Word(BigInteger data, long mask, boolean last) {
    @Override
    public String toString() {
      return "data=" + data.toString(16) + " mask=" + Long.toBinaryString(mask) + " last=" + last;
    }
  }

  @TempDir
  Path folder;

  @ParameterizedTest(name = "in {0} B, out {1} B, lengths {2}")
  @CsvSource({
      "16, 16, 16",
      "16, 64, 16;64",
      "4,  12, 12",
      "64, 20, 12;20",
      "12, 16, 16",
  })
  void deliversEverySegmentIntactUnderStalls(int inBytes, int outBytes, String lengthList) {
    List<Integer> lengths = Arrays.stream(lengthList.split(";")).map(Integer::parseInt).toList();
    var config = new ByteRepacker.Config(inBytes, outBytes, lengths, ResetStyle.SYNC_ACTIVE_HIGH);
    long seed = System.nanoTime();
    System.out.println("ByteRepackerTest " + config.moduleName() + " seed=" + seed);
    Random random = new Random(seed);
    List<Unit> units = new ArrayList<>();
    List<Word> expected = new ArrayList<>();
    for (int segment = 0; segment < 120; segment++) {
      addSegment(random, config, units, expected);
    }
    List<Word> actual = run(config, units, random, 0.7, 0.7, expected.size(), seed);
    assertWordsEqual(expected, actual, seed);
  }

  @Test
  void alignedStreamMovesOneUnitPerCycle() {
    var config = new ByteRepacker.Config(16, 16, ResetStyle.SYNC_ACTIVE_HIGH);
    List<Unit> units = new ArrayList<>();
    List<Word> expected = new ArrayList<>();
    Random random = new Random(1);
    int count = 200;
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[16];
      random.nextBytes(data);
      units.add(new Unit(data, 0, 16, i == 0, 0, i == count - 1, 0));
      expected.add(new Word(new BigInteger(1, reversed(data)), 0xFFFF, i == count - 1));
    }
    // An unaligned stream: every unit straddles two words and still moves one per cycle.
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[16];
      units.add(new Unit(data, i == 0 ? 5 : 0, 16, i == 0, 0, i == count - 1, 0));
    }
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, ByteRepacker.build(config)))) {
      sim.reset(2);
      long before = sim.cycle();
      drive(sim, config, units, new Random(2), 1.0, 1.0, 2 * count + 20);
      long used = sim.cycle() - before;
      assertTrue(used <= 2 * count + 6, "400 units took " + used + " cycles");
    }
  }

  private static void addSegment(Random random, ByteRepacker.Config config, List<Unit> units, List<Word> expected) {
    int lengthIndex = random.nextInt(config.lengths().size());
    int length = config.lengths().get(lengthIndex);
    int offset = random.nextInt(4) == 0 ? 0 : random.nextInt(length);
    int unitCount = 1 + random.nextInt(random.nextBoolean() ? 3 : 12);
    List<Byte> stream = new ArrayList<>();
    for (int u = 0; u < unitCount; u++) {
      byte[] data = new byte[config.inBytes()];
      random.nextBytes(data);
      int lo = random.nextInt(3) == 0 ? random.nextInt(config.inBytes()) : 0;
      int hi = random.nextInt(3) == 0 ? lo + 1 + random.nextInt(config.inBytes() - lo) : config.inBytes();
      for (int i = lo; i < hi; i++) {
        stream.add(data[i]);
      }
      units.add(new Unit(data, lo, hi, u == 0, offset, u == unitCount - 1, lengthIndex));
    }
    int end = offset + stream.size();
    int words = (end + length - 1) / length;
    for (int w = 0; w < words; w++) {
      byte[] bytes = new byte[config.outBytes()];
      long mask = 0;
      for (int k = 0; k < length; k++) {
        int position = w * length + k;
        if (position >= offset && position < end) {
          bytes[k] = stream.get(position - offset);
          mask |= 1L << k;
        }
      }
      expected.add(new Word(new BigInteger(1, reversed(bytes)), mask, w == words - 1));
    }
  }

  private List<Word> run(ByteRepacker.Config config, List<Unit> units, Random random, double validRate,
      double readyRate, int wordCount, long seed) {
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, ByteRepacker.build(config)))) {
      sim.reset(2);
      List<Word> words = drive(sim, config, units, random, validRate, readyRate, 40L * units.size() + 100);
      assertEquals(wordCount, words.size(), "words out (seed " + seed + ")");
      assertEquals(1, sim.port("idle").get(), "idle after the last word (seed " + seed + ")");
      return words;
    }
  }

  /** Drives the units in order (each held until taken) and collects every word taken. */
  private static List<Word> drive(Simulation sim, ByteRepacker.Config config, List<Unit> units, Random random,
      double validRate, double readyRate, long maxCycles) {
    Port inValid = sim.port("in_valid");
    Port inReady = sim.port("in_ready");
    Port outValid = sim.port("out_valid");
    Port outReady = sim.port("out_ready");
    Port lenSelect = config.lengths().size() > 1 ? sim.port("len_sel") : null;
    ArrayDeque<Unit> pending = new ArrayDeque<>(units);
    List<Word> words = new ArrayList<>();
    boolean presenting = false;
    for (long cycle = 0; cycle < maxCycles && !(pending.isEmpty() && words.size() > 0
        && sim.port("idle").get() == 1); cycle++) {
      Unit unit = pending.peek();
      presenting = unit != null && (presenting || random.nextDouble() < validRate);
      if (unit != null) {
        sim.port("in_data").set(new BigInteger(1, reversed(unit.data())));
        sim.port("in_lo").set(unit.lo());
        sim.port("in_hi").set(unit.hi());
        sim.port("in_first").set(unit.first() ? 1 : 0);
        sim.port("in_offset").set(unit.offset());
        sim.port("in_last").set(unit.last() ? 1 : 0);
        if (lenSelect != null) {
          lenSelect.set(unit.lengthIndex());
        }
      }
      inValid.set(presenting ? 1 : 0);
      boolean ready = random.nextDouble() < readyRate;
      outReady.set(ready ? 1 : 0);
      sim.eval();
      if (outValid.get() == 1 && ready) {
        words.add(new Word(sim.port("out_data").getBigInteger(), sim.port("out_mask").get(),
            sim.port("out_last").get() == 1));
      }
      if (presenting && inReady.get() == 1) {
        pending.poll();
        presenting = false;
      }
      sim.step();
    }
    return words;
  }

  private static void assertWordsEqual(List<Word> expected, List<Word> actual, long seed) {
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).toString(), actual.get(i).toString(), "word " + i + " (seed " + seed + ")");
    }
  }

  /** Byte 0 of a little-endian bus word is its least significant byte. */
  private static byte[] reversed(byte[] bytes) {
    byte[] copy = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      copy[i] = bytes[bytes.length - 1 - i];
    }
    return copy;
  }
}
