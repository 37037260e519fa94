package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.serrano.testbench.TestDesigns;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The AXI model under the {@code axi_burst} master, which runs whole descriptors natively (no JNA
 * per beat): narrow and unaligned bursts with random stalls on every channel against a Java
 * reference, determinism of the stall seed, exact latency arithmetic and the counters.
 */
class AxiBurstMasterTest {

  private static final int MEMORY = 1 << 20;
  private static final int BUS = 16;

  /** One descriptor of the burst master. */
  record Descriptor(boolean write, long address, int len, int size, int count, long stride, int pattern) {}

  private static Simulation start() {
    Simulation sim = Simulation.start(TestDesigns.load("axi_burst"));
    sim.axi("m_axi").memory(0, MEMORY);
    sim.reset(2);
    return sim;
  }

  /** Runs a descriptor to completion; returns the cycles from the start pulse until busy fell. */
  private static long run(Simulation sim, Descriptor d) {
    sim.port("desc_write").set(d.write() ? 1 : 0);
    sim.port("desc_addr").set(d.address());
    sim.port("desc_len").set(d.len());
    sim.port("desc_size").set(d.size());
    sim.port("desc_count").set(d.count());
    sim.port("desc_stride").set(d.stride());
    sim.port("desc_pattern").set(Integer.toUnsignedLong(d.pattern()));
    sim.port("start").set(1);
    sim.step();
    sim.port("start").set(0);
    return 1 + sim.runUntil(sim.port("busy").is(0), 10_000_000);
  }

  /** Applies a write descriptor to {@code memory} as the master's Javadoc says; returns bytes written. */
  private static long writeReference(byte[] memory, Descriptor d) {
    long written = 0;
    long beat = 0;
    for (int k = 0; k < d.count(); k++) {
      long start = d.address() + k * d.stride();
      for (int n = 0; n <= d.len(); n++, beat++) {
        long address = AxiReference.beatAddress(start, d.size(), d.len(), AxiManualMaster.INCR, n);
        long word = AxiReference.busWord(address, BUS);
        long lanes = AxiReference.lanes(start, d.size(), d.len(), AxiManualMaster.INCR, n, BUS);
        for (int lane = 0; lane < BUS; lane++) {
          if ((lanes >> lane & 1) != 0) {
            int value = d.pattern() + (int) (4 * beat) + lane / 4;
            memory[(int) word + lane] = (byte) (value >>> (8 * (lane % 4)));
            written++;
          }
        }
      }
    }
    return written;
  }

  /** The read checksum of a read descriptor over {@code memory} (whole bus words, as the model returns). */
  private static int readReference(ByteBuffer memory, Descriptor d) {
    int sum = 0;
    for (int k = 0; k < d.count(); k++) {
      long start = d.address() + k * d.stride();
      for (int n = 0; n <= d.len(); n++) {
        int word = (int) AxiReference.busWord(
            AxiReference.beatAddress(start, d.size(), d.len(), AxiManualMaster.INCR, n), BUS);
        sum = Integer.rotateLeft(sum, 1) ^ memory.getInt(word) ^ memory.getInt(word + 4) ^ memory.getInt(word + 8)
            ^ memory.getInt(word + 12);
      }
    }
    return sum;
  }

  private static long activeBytes(Descriptor d) {
    long bytes = 0;
    for (int n = 0; n <= d.len(); n++) {
      bytes += Long.bitCount(AxiReference.lanes(d.address(), d.size(), d.len(), AxiManualMaster.INCR, n, BUS));
    }
    return bytes * d.count();
  }

  @Test
  void narrowAndUnalignedBurstsUnderRandomStallsOnEveryChannelMatchTheReference() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    byte[] reference = new byte[MEMORY];
    try (Simulation sim = start()) {
      AxiMemoryModel axi = sim.axi("m_axi").seed(seed).stallAll(0.3).readLatency(3).writeLatency(2);
      long bursts = 0;
      long beats = 0;
      long bytes = 0;
      long readBytes = 0;
      for (int round = 0; round < 24; round++) {
        int size = random.nextInt(5);
        int len = random.nextInt(4) == 0 ? random.nextInt(256 >> size) : random.nextInt(8);
        long span = (long) (len + 1) << size;
        long start = (long) random.nextInt(MEMORY / 4096 - 20) * 4096 + random.nextInt((int) (4096 - span) + 1);
        Descriptor write = new Descriptor(true, start, len, size, 1 + random.nextInt(4), 4096, random.nextInt());
        bytes += writeReference(reference, write);
        run(sim, write);
        Descriptor read = new Descriptor(false, write.address(), len, size, write.count(), 4096, 0);
        run(sim, read);
        assertEquals(0, sim.port("error_seen").get());
        assertEquals(Integer.toUnsignedLong(readReference(ByteBuffer.wrap(reference)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN), read)), sim.port("read_sum").get(),
            "read checksum of " + read + " (seed " + seed + ")");
        bursts += write.count();
        beats += (long) write.count() * (len + 1);
        readBytes += activeBytes(read);
      }
      byte[] contents = new byte[MEMORY];
      axi.contents().get(contents);
      assertArrayEquals(reference, contents, "seed " + seed);
      AxiCounters counters = axi.counters();
      assertEquals(new AxiCounters(bursts, beats, readBytes, bursts, beats, bytes, 0, 0, counters.arStalls(),
          counters.awStalls(), counters.wStalls(), 0, 0, counters.handshakesChecked(), counters.stabilityChecks()),
          counters, "seed " + seed);
      assertEquals(2 * bursts + beats, counters.handshakesChecked());
    }
  }

  @Test
  void theSameSeedGivesTheSameCyclesAndAnotherSeedOthers() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Descriptor write = new Descriptor(true, 0x1000, 15, 4, 32, 256, 7);
    Descriptor read = new Descriptor(false, 0x1000, 15, 4, 32, 256, 0);
    long[] cycles = new long[3];
    long[] seeds = {seed, seed, seed + 1};
    for (int i = 0; i < 3; i++) {
      try (Simulation sim = start()) {
        sim.axi("m_axi").seed(seeds[i]).stallAll(0.5);
        cycles[i] = run(sim, write) * 100_000 + run(sim, read);
      }
    }
    assertEquals(cycles[0], cycles[1], "same seed " + seed);
    assertNotEquals(cycles[0], cycles[2], "seeds " + seed + " and " + (seed + 1));
  }

  @Test
  void latenciesAddExactlyTheirCyclesPerDependentStep() {
    // Edges: start (0); AW or AR (1). Writes: WREADY rises after the AW edge, W beats at edges 2..5,
    // B at 5 + latency. Reads: R beats at edges 1 + latency .. 4 + latency. busy falls one edge after
    // the answer, and the count includes that edge.
    for (int latency = 1; latency <= 8; latency++) {
      try (Simulation sim = start()) {
        sim.axi("m_axi").readLatency(latency).writeLatency(latency);
        long write = run(sim, new Descriptor(true, 0x100, 3, 4, 1, 0, 0));
        long read = run(sim, new Descriptor(false, 0x100, 3, 4, 1, 0, 0));
        assertEquals(7 + latency, write, "write latency " + latency);
        assertEquals(6 + latency, read, "read latency " + latency);
      }
    }
  }

  @Test
  void outstandingReadsOverlapTheLatency() {
    // 16 one-beat reads with latency 20: with 16 outstanding they overlap, with 1 they queue
    Descriptor reads = new Descriptor(false, 0, 0, 4, 16, 16, 0);
    long[] cycles = new long[2];
    int[] limits = {16, 1};
    for (int i = 0; i < 2; i++) {
      try (Simulation sim = start()) {
        sim.axi("m_axi").readLatency(20).outstanding(limits[i], limits[i]);
        cycles[i] = run(sim, reads);
      }
    }
    // Edges: start (0), AR k at edge k, its R at k + 20, busy falls one edge after the last R
    assertEquals(16 + 20 + 2, cycles[0], "16 outstanding: the latency is paid once");
    // AR k at k + 20 (k - 1): ARREADY rises after the edge that answered the previous read
    assertEquals(16 * 21 + 2, cycles[1], "1 outstanding: each AR waits for the answer to the last");
  }
}
