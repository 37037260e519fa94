package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.sim.AxiManualMaster.ReadBeat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AXI4 memory model driven cycle by cycle from Java through the {@code axi_manual} passthrough
 * master: burst addressing, strobes, errors, latencies, outstanding limits, stalls and counters,
 * each checked against a Java reference written from the AXI4 specification.
 */
class AxiMemoryModelTest {

  private static final int MEMORY = 64 * 1024;
  private Simulation sim;
  private AxiManualMaster master;

  @BeforeEach
  void start() {
    sim = AxiManualMaster.start(SimulationOptions.defaults());
    master = new AxiManualMaster(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** The model with a 64 KiB memory at 0 and default configuration. */
  private AxiMemoryModel fresh() {
    return master.axi.memory(0, MEMORY).readLatency(1).writeLatency(1).stallAll(0).outstanding(16, 16);
  }

  @Test
  void writesAndReadsBurstsOfEverySizeAlignmentLengthAndTypeLikeTheReference() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    AxiMemoryModel axi = fresh();
    byte[] reference = new byte[MEMORY];
    int bursts = 0;
    long bytesWritten = 0;
    long beatsWritten = 0;
    for (int burst : new int[] {AxiManualMaster.INCR, AxiManualMaster.FIXED, AxiManualMaster.WRAP}) {
      for (int size = 0; size <= 3; size++) {
        for (int alignment = 0; alignment < 8; alignment++) {
          int[] lengths = burst == AxiManualMaster.WRAP ? new int[] {2, 4, 8, 16}
              : burst == AxiManualMaster.FIXED ? new int[] {1, 3, 16} : new int[] {1, 2, 3, 5, 16, 256};
          for (int beats : lengths) {
            if (burst == AxiManualMaster.WRAP && alignment % (1 << size) != 0) {
              continue;  // WRAP bursts start aligned to the size
            }
            long bytesPerBeat = 1L << size;
            long page = random.nextInt(MEMORY / 4096);
            long span = burst == AxiManualMaster.INCR ? beats * bytesPerBeat : 2048;
            long offset = random.nextInt((int) Math.max(1, (4096 - span - 8) / 8)) * 8L;
            long address = page * 4096 + offset + alignment;
            if (burst == AxiManualMaster.WRAP) {
              address = page * 4096 + random.nextInt(4096 / 8) * 8L + alignment;
            }
            long[] data = new long[beats];
            int[] strobes = new int[beats];
            for (int n = 0; n < beats; n++) {
              data[n] = random.nextLong();
              long lanes = AxiReference.lanes(address, size, beats - 1, burst, n, 8);
              strobes[n] = (int) (lanes & (random.nextInt(4) == 0 ? random.nextInt(256) : 0xFF));
              long word = AxiReference.busWord(AxiReference.beatAddress(address, size, beats - 1, burst, n), 8);
              for (int lane = 0; lane < 8; lane++) {
                if ((strobes[n] >> lane & 1) != 0) {
                  reference[(int) word + lane] = (byte) (data[n] >>> (8 * lane));
                  bytesWritten++;
                }
              }
            }
            String what = "burst " + burst + " size " + size + " beats " + beats + " address 0x"
                + Long.toHexString(address) + " (seed " + seed + ")";
            assertEquals(AxiResponse.OKAY, master.write(bursts & 15, address, size, burst, data, strobes), what);
            beatsWritten += beats;
            List<ReadBeat> read = master.read(bursts & 15, address, beats - 1, size, burst);
            for (int n = 0; n < beats; n++) {
              ReadBeat beat = read.get(n);
              long word = AxiReference.busWord(AxiReference.beatAddress(address, size, beats - 1, burst, n), 8);
              long lanes = AxiReference.lanes(address, size, beats - 1, burst, n, 8);
              for (int lane = 0; lane < 8; lane++) {
                if ((lanes >> lane & 1) != 0) {
                  assertEquals(reference[(int) word + lane], (byte) (beat.data() >>> (8 * lane)),
                      what + ", beat " + n + ", lane " + lane);
                }
              }
              assertEquals(n == beats - 1, beat.last(), what + ": RLAST on beat " + n);
              assertEquals(AxiResponse.OKAY, beat.response(), what);
              assertEquals(bursts & 15, beat.id(), what);
            }
            bursts++;
          }
        }
      }
    }
    byte[] contents = new byte[MEMORY];
    axi.contents().get(contents);
    assertArrayEquals(reference, contents, "memory after all bursts (seed " + seed + ")");
    AxiCounters counters = axi.counters();
    assertEquals(bursts, counters.writeBursts());
    assertEquals(bursts, counters.readBursts());
    assertEquals(beatsWritten, counters.writeBeats());
    assertEquals(beatsWritten, counters.readBeats());
    assertEquals(bytesWritten, counters.writeBytes());
    assertEquals(0, counters.readErrors() + counters.writeErrors());
    assertTrue(counters.handshakesChecked() >= 2L * bursts + beatsWritten, counters.toString());
  }

  @Test
  void javaWritesAreWhatTheBusReadsAndBusWritesAreWhatJavaReads() {
    AxiMemoryModel axi = fresh();
    axi.write(0x2000, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    List<ReadBeat> beats = master.read(3, 0x2000, 1, 3, AxiManualMaster.INCR);
    assertEquals(0x0807060504030201L, beats.get(0).data());
    assertEquals(0x100F0E0D0C0B0A09L, beats.get(1).data());
    master.write(1, 0x3004, 2, AxiManualMaster.INCR, new long[] {0xAABBCCDD00000000L}, new int[] {0xF0});
    assertArrayEquals(new byte[] {(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA}, axi.read(0x3004, 4));
    assertEquals(0xAABBCCDD, axi.contents().getInt(0x3004));
    axi.fill(0x4000, 8, (byte) 0x5A);
    assertEquals(0x5A5A5A5A5A5A5A5AL, master.read(0, 0x4000, 0, 3, AxiManualMaster.INCR).get(0).data());
    ByteBuffer direct = axi.contents();
    direct.putLong(0x5000, 0x1122334455667788L);
    assertEquals(0x1122334455667788L, master.read(0, 0x5000, 0, 3, AxiManualMaster.INCR).get(0).data());
    IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> axi.read(MEMORY - 2, 4));
    assertTrue(outside.getMessage().contains("outside the memory 0x0 to 0x10000"), outside.getMessage());
  }

  @Test
  void errorRangesAnswerOnlyTheBurstsThatTouchThemAndWriteNothing() {
    AxiMemoryModel axi = fresh();
    axi.addErrorRange(0x1100, 0x1108, AxiResponse.SLVERR, true, true);
    axi.addErrorRange(0x2000, 0x2100, AxiResponse.DECERR, false, true);
    axi.fill(0x1000, 0x400, (byte) 0x77);
    long[] data = {-1L, -1L};
    int[] full = {0xFF, 0xFF};
    // touching the last byte before the range: fine; touching its first byte: SLVERR
    assertEquals(AxiResponse.OKAY, master.write(0, 0x10F0, 3, AxiManualMaster.INCR, data, full));
    assertEquals(AxiResponse.SLVERR, master.write(0, 0x10F8, 3, AxiManualMaster.INCR, data, full));
    assertEquals(AxiResponse.SLVERR, master.write(0, 0x1107, 0, AxiManualMaster.INCR, new long[] {0}, new int[] {0x80}));
    assertEquals(AxiResponse.OKAY, master.write(0, 0x1108, 3, AxiManualMaster.INCR, data, full));
    assertArrayEquals(filled(8, (byte) 0x77), axi.read(0x1100, 8), "nothing written by the SLVERR bursts");
    for (ReadBeat beat : master.read(2, 0x10F8, 3, 3, AxiManualMaster.INCR)) {
      assertEquals(AxiResponse.SLVERR, beat.response());
      assertEquals(0, beat.data());
    }
    // the DECERR range applies to writes only
    assertEquals(AxiResponse.DECERR, master.write(0, 0x20F8, 3, AxiManualMaster.INCR, data, full));
    assertEquals(AxiResponse.OKAY, master.read(0, 0x20F8, 0, 3, AxiManualMaster.INCR).get(0).response());
    // outside the memory: DECERR on every beat, and the write is dropped
    List<ReadBeat> outside = master.read(1, MEMORY + 0x10, 1, 3, AxiManualMaster.INCR);
    assertEquals(List.of(AxiResponse.DECERR, AxiResponse.DECERR), outside.stream().map(ReadBeat::response).toList());
    assertEquals(AxiResponse.DECERR, master.write(0, MEMORY, 3, AxiManualMaster.INCR, data, full));
    assertEquals(AxiResponse.OKAY, master.read(1, MEMORY - 8, 0, 3, AxiManualMaster.INCR).get(0).response());
    AxiCounters counters = axi.counters();
    assertEquals(2, counters.readErrors());
    assertEquals(4, counters.writeErrors());
    axi.clearErrorRanges();
    assertEquals(AxiResponse.OKAY, master.write(0, 0x10F8, 3, AxiManualMaster.INCR, data, full));
  }

  @Test
  void readLatencyIsTheEdgesFromTheArHandshakeToTheFirstRHandshake() {
    for (int latency : new int[] {1, 2, 7}) {
      fresh().readLatency(latency);
      master.address("ar", 0, 0x100, 0, 3, AxiManualMaster.INCR);
      master.set("rready", 1);
      master.handshake("arready");
      master.set("arvalid", 0);
      int edges = 0;
      while (master.get("rvalid") == 0) {
        master.step();
        edges++;
      }
      master.step();
      edges++;
      assertEquals(latency, edges, "read latency " + latency);
      master.set("rready", 0);
    }
  }

  @Test
  void writeLatencyIsTheEdgesFromTheLastWHandshakeToTheBHandshake() {
    for (int latency : new int[] {1, 3, 10}) {
      fresh().writeLatency(latency);
      master.address("aw", 0, 0x100, 0, 3, AxiManualMaster.INCR);
      master.handshake("awready");
      master.set("awvalid", 0);
      master.data(1, 0xFF, true);
      master.set("bready", 1);
      master.handshake("wready");
      master.set("wvalid", 0);
      int edges = 0;
      while (master.get("bvalid") == 0) {
        master.step();
        edges++;
      }
      master.step();
      edges++;
      assertEquals(latency, edges, "write latency " + latency);
      master.set("bready", 0);
    }
  }

  @Test
  void outstandingLimitsHoldArreadyAndAwreadyLow() {
    AxiMemoryModel axi = fresh().outstanding(3, 2);
    master.set("rready", 0);
    for (int i = 0; i < 3; i++) {
      master.address("ar", i, 0x100 * i, 0, 3, AxiManualMaster.INCR);
      master.handshake("arready");
    }
    // a fourth AR waits (its ARVALID must stay up) until the first read has been answered
    master.address("ar", 3, 0x300, 0, 3, AxiManualMaster.INCR);
    for (int i = 0; i < 20; i++) {
      assertEquals(0, master.get("arready"), "ARREADY with 3 reads outstanding, cycle " + i);
      master.step();
    }
    master.set("rready", 1);
    int[] ids = new int[4];
    int arAcceptedAfter = -1;
    for (int got = 0, cycle = 0; got < 4 && cycle < 100; cycle++) {
      boolean arFires = master.get("arready") == 1 && arAcceptedAfter < 0;
      if (master.get("rvalid") == 1) {
        ids[got++] = (int) master.get("rid");
      }
      master.step();
      if (arFires) {
        master.set("arvalid", 0);
        arAcceptedAfter = ids[0] == 0 && got >= 1 ? got : -2;
      }
    }
    assertArrayEquals(new int[] {0, 1, 2, 3}, ids, "answered in AR order");
    // ARREADY is registered: it rises after the edge that completed the first read, so the fourth
    // AR is taken at the next edge, together with the second R beat
    assertEquals(2, arAcceptedAfter, "the fourth AR is accepted one edge after the first read completed");
    master.set("rready", 0);
    // the writes: two accepted, the third waits even though no W beat came yet
    for (int i = 0; i < 2; i++) {
      master.address("aw", i, 0x100 * i, 0, 3, AxiManualMaster.INCR);
      master.handshake("awready");
    }
    master.address("aw", 2, 0x200, 0, 3, AxiManualMaster.INCR);
    for (int i = 0; i < 20; i++) {
      assertEquals(0, master.get("awready"), "AWREADY with 2 writes outstanding");
      master.step();
    }
    // one-beat bursts: W data offered continuously, B taken; the third AW goes in after the first B
    master.data(0, 0xFF, true);
    master.set("bready", 1);
    for (int cycle = 0; cycle < 50 && axi.counters().writeBeats() < 3; cycle++) {
      boolean awFires = master.get("awready") == 1;
      master.step();
      if (awFires) {
        master.set("awvalid", 0);
      }
    }
    master.set("wvalid", 0);
    sim.step(4);
    master.set("bready", 0);
    AxiCounters counters = axi.counters();
    assertEquals(4, counters.readBursts());
    assertEquals(3, counters.writeBursts());
    assertEquals(3, counters.writeBeats());
    assertTrue(counters.arStalls() >= 20 && counters.awStalls() >= 20, counters.toString());
  }

  @Test
  void namesTheBusesAndRefusesJavaWritesToPortsTheModelDrives() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.axi("s_axi"));
    assertEquals("design axi_manual has no AXI4 master bus \"s_axi\"; its AXI4 buses are m_axi", unknown.getMessage());
    IllegalStateException driven = assertThrows(IllegalStateException.class, () -> sim.port("m_axi_rvalid").set(1));
    assertEquals("port m_axi_rvalid is driven by the AXI memory model of bus m_axi", driven.getMessage());
    assertEquals(16 << 20, master.axi.size(), "default memory: 16 MiB at 0");
    assertEquals(0, master.axi.base());
    assertThrows(IllegalArgumentException.class, () -> master.axi.memory(0x100, 4096));
    assertThrows(IllegalArgumentException.class, () -> master.axi.readLatency(0));
    assertThrows(IllegalArgumentException.class, () -> master.axi.stall(AxiChannel.W, 1.5));
    assertThrows(IllegalArgumentException.class, () -> master.axi.outstanding(0, 4));
    assertThrows(IllegalArgumentException.class,
        () -> master.axi.addErrorRange(0x100, 0x100, AxiResponse.SLVERR, true, true));
  }

  @Test
  void aMemoryAtABaseAddressAnswersDecerrBelowIt() {
    AxiMemoryModel axi = master.axi.memory(0x8000_0000L, 8192);
    axi.write(0x8000_0010L, new byte[] {0x42});
    assertEquals(0x42, master.read(0, 0x8000_0010L, 0, 0, AxiManualMaster.INCR).get(0).data() & 0xFF);
    assertEquals(AxiResponse.DECERR, master.read(0, 0x7FFF_F000L, 0, 3, AxiManualMaster.INCR).get(0).response());
    assertEquals(AxiResponse.DECERR, master.read(0, 0x8000_2000L, 0, 3, AxiManualMaster.INCR).get(0).response());
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
