package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One negative test per protocol rule of the AXI memory model, driven through the {@code axi_manual}
 * passthrough master: the violation is reported with the bus, the channel and the cycle of the
 * offending edge; the legal run of the same shape is silent and was looked at (checker counters).
 */
class AxiProtocolCheckTest {

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

  /** Steps once expecting a violation on {@code channel} at the current cycle, mentioning {@code text}. */
  private AxiProtocolException violation(AxiChannel channel, String text) {
    long cycle = sim.cycle();
    AxiProtocolException e = assertThrows(AxiProtocolException.class, master::step);
    assertEquals("m_axi", e.bus());
    assertEquals(channel, e.channel(), e.getMessage());
    assertEquals(cycle, e.cycle(), e.getMessage());
    assertEquals(cycle, sim.cycle(), "the offending edge does not complete a cycle");
    assertTrue(e.problem().contains(text), e.getMessage());
    assertTrue(e.getMessage().startsWith("m_axi: cycle " + cycle + ", channel " + channel + ": "), e.getMessage());
    IllegalStateException ended = assertThrows(IllegalStateException.class, master::step);
    assertTrue(ended.getMessage().contains("has ended"), ended.getMessage());
    return e;
  }

  /** READY of {@code channel} held low from the next cycle on. */
  private void holdReadyLow(AxiChannel channel) {
    master.axi.stall(channel, 1.0);
    sim.step(2);
  }

  @Test
  void arvalidDroppedBeforeArready() {
    holdReadyLow(AxiChannel.AR);
    master.address("ar", 1, 0x1000, 3, 3, AxiManualMaster.INCR);
    sim.step(3);
    master.set("arvalid", 0);
    violation(AxiChannel.AR, "ARVALID dropped before ARREADY (ARADDR 0x1000)");
  }

  @Test
  void araddrChangedWhileStalledButAHeldRequestIsSilent() {
    holdReadyLow(AxiChannel.AR);
    master.address("ar", 1, 0x1000, 3, 3, AxiManualMaster.INCR);
    sim.step(5);
    assertEquals(4, master.axi.counters().stabilityChecks(), "each stalled cycle after the first is compared");
    assertEquals(5, master.axi.counters().arStalls());
    master.set("araddr", 0x1040);
    violation(AxiChannel.AR, "ARADDR changed from 0x1000 to 0x1040 while ARVALID was high and ARREADY low");
  }

  @Test
  void everyAwFieldIsHeldStable() {
    String[] fields = {"awid", "awlen", "awsize", "awburst", "awlock", "awcache", "awprot", "awqos"};
    for (String field : fields) {
      try (Simulation own = AxiManualMaster.start(SimulationOptions.defaults())) {
        sim.close();
        sim = own;
        master = new AxiManualMaster(own);
        holdReadyLow(AxiChannel.AW);
        master.address("aw", 0, 0x1000, 0, 2, AxiManualMaster.INCR);
        sim.step(2);
        master.set(field, field.equals("awburst") ? 0 : 1);  // every field differs from the held value
        AxiProtocolException e = violation(AxiChannel.AW, field.substring(2).toUpperCase() + " changed");
        assertTrue(e.problem().contains("AWVALID was high and AWREADY low"), e.getMessage());
      }
    }
  }

  @Test
  void wdataWstrbAndWlastAreHeldStable() {
    for (String field : new String[] {"wdata", "wstrb", "wlast", "wvalid"}) {
      try (Simulation own = AxiManualMaster.start(SimulationOptions.defaults())) {
        sim.close();
        sim = own;
        master = new AxiManualMaster(own);
        master.address("aw", 0, 0x1000, 0, 3, AxiManualMaster.INCR);
        master.handshake("awready");
        master.set("awvalid", 0);
        holdReadyLow(AxiChannel.W);
        master.data(0x1234, 0xFF, true);
        sim.step(3);
        master.set(field, field.equals("wdata") ? 0x1235 : field.equals("wstrb") ? 0x0F : 0);
        String expected = field.equals("wvalid") ? "WVALID dropped before WREADY" : field.toUpperCase() + " changed";
        violation(AxiChannel.W, expected);
      }
    }
  }

  @Test
  void burstsCrossingA4KiBBoundaryAreRefusedOnBothAddressChannels() {
    master.address("ar", 0, 0x1FF8, 1, 3, AxiManualMaster.INCR);
    violation(AxiChannel.AR, "burst crosses a 4 KiB boundary: bytes 0x1ff8 to 0x2007");
    stop();
    start();
    // the largest legal burst up to the boundary is silent
    assertEquals(AxiResponse.OKAY,
        master.write(0, 0x1800, 3, AxiManualMaster.INCR, new long[256], new int[256]));
    master.address("aw", 0, 0x1808, 255, 3, AxiManualMaster.INCR);
    violation(AxiChannel.AW, "burst crosses a 4 KiB boundary: bytes 0x1808 to 0x2007");
  }

  @Test
  void sizeLargerThanTheBus() {
    master.read(0, 0x100, 0, 3, AxiManualMaster.INCR);
    master.address("ar", 0, 0x100, 0, 4, AxiManualMaster.INCR);
    violation(AxiChannel.AR, "ARSIZE 4 (16 bytes) is larger than the 8-byte bus");
  }

  @Test
  void wlastLowOnTheLastBeat() {
    master.address("aw", 0, 0x1000, 3, 3, AxiManualMaster.INCR);
    master.handshake("awready");
    master.set("awvalid", 0);
    for (int beat = 0; beat < 3; beat++) {
      master.data(beat, 0xFF, false);
      master.handshake("wready");
    }
    master.data(3, 0xFF, false);
    while (master.get("wready") == 0) {
      master.step();
    }
    violation(AxiChannel.W, "WLAST low on beat 4 of a 4-beat burst (AWLEN 3, AWADDR 0x1000, AWSIZE 3)");
  }

  @Test
  void wlastHighBeforeTheLastBeat() {
    master.address("aw", 0, 0x1000, 3, 3, AxiManualMaster.INCR);
    master.handshake("awready");
    master.set("awvalid", 0);
    master.data(0, 0xFF, false);
    master.handshake("wready");
    master.data(1, 0xFF, true);
    while (master.get("wready") == 0) {
      master.step();
    }
    violation(AxiChannel.W, "WLAST high on beat 2 of a 4-beat burst");
  }

  @Test
  void strobesOutsideTheActiveLanesOfANarrowUnalignedBurst() {
    // 2-byte beats from 0x1003: beat 1 has lane 3 only, beat 2 lanes 4-5, beat 3 lanes 6-7
    assertEquals(AxiResponse.OKAY, master.write(0, 0x1003, 1, AxiManualMaster.INCR, new long[3],
        new int[] {0x08, 0x30, 0xC0}));
    master.address("aw", 0, 0x1003, 2, 1, AxiManualMaster.INCR);
    master.handshake("awready");
    master.set("awvalid", 0);
    master.data(0, 0x0C, false);  // lane 2 is below the unaligned start
    while (master.get("wready") == 0) {
      master.step();
    }
    violation(AxiChannel.W, "WSTRB 0x0c has bits set outside the active byte lanes 3 to 3 of beat 1 of a 3-beat burst");
  }

  @Test
  void wrapBurstsOfAnIllegalLengthAndReservedBurstTypes() {
    assertEquals(AxiResponse.OKAY, master.write(0, 0x1010, 3, AxiManualMaster.WRAP, new long[4], new int[] {
        0xFF, 0xFF, 0xFF, 0xFF}));
    master.address("ar", 0, 0x1010, 2, 3, AxiManualMaster.WRAP);
    violation(AxiChannel.AR, "WRAP burst of 3 beats (must be 2, 4, 8 or 16)");
    stop();
    start();
    master.address("aw", 0, 0x1010, 0, 3, 3);
    violation(AxiChannel.AW, "AWBURST 3 is reserved");
    stop();
    start();
    master.address("ar", 0, 0x1004, 3, 3, AxiManualMaster.WRAP);
    violation(AxiChannel.AR, "WRAP burst address not aligned to the size");
    stop();
    start();
    assertEquals(16, master.read(0, 0x1000, 15, 2, AxiManualMaster.FIXED).size());
    master.address("ar", 0, 0x1000, 16, 2, AxiManualMaster.FIXED);
    violation(AxiChannel.AR, "FIXED burst of 17 beats (at most 16)");
  }

  @Test
  void aMasterDroppingRreadyAndBreadyIsLegal() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    master.axi.stall(AxiChannel.R, 0.3);
    master.address("ar", 5, 0x2000, 15, 3, AxiManualMaster.INCR);
    master.handshake("arready");
    master.set("arvalid", 0);
    int beats = 0;
    for (int cycle = 0; cycle < 500 && beats < 16; cycle++) {
      boolean ready = random.nextBoolean();
      master.set("rready", ready ? 1 : 0);
      if (ready && master.get("rvalid") == 1) {
        beats++;
      }
      master.step();
    }
    assertEquals(16, beats, "seed " + seed);
    AxiCounters counters = master.axi.counters();
    assertEquals(16, counters.readBeats());
    assertTrue(counters.rStalls() > 0, counters.toString());
  }
}
