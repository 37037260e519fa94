package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.testbench.TestDesigns;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Two buses on one design ({@code axi_dual}): each has its own model, memory and counters; a
 * 256-bit bus with 64-bit addresses and 16-bit IDs binds the widest port types.
 */
class AxiDualBusTest {

  private static final long HIGH_BASE = 0x0001_0000_0000_0000L;

  private static void set(Simulation sim, String bus, String signal, long value) {
    sim.port("drv_" + bus.charAt(0) + "_" + signal).set(value);
  }

  private static long get(Simulation sim, String bus, String signal) {
    return sim.port(bus + "_" + signal).get();
  }

  private static void handshake(Simulation sim, String bus, String ready) {
    for (int i = 0; get(sim, bus, ready) == 0; i++) {
      if (i > 100) {
        throw new AssertionError(bus + "_" + ready + " stayed low");
      }
      sim.step();
    }
    sim.step();
  }

  /** One single-beat write of the full bus width; returns BRESP. */
  private static long writeBeat(Simulation sim, String bus, int id, long address, int size, BigInteger data,
      long strobes) {
    set(sim, bus, "awid", id);
    set(sim, bus, "awaddr", address);
    set(sim, bus, "awlen", 0);
    set(sim, bus, "awsize", size);
    set(sim, bus, "awburst", 1);
    set(sim, bus, "awvalid", 1);
    handshake(sim, bus, "awready");
    set(sim, bus, "awvalid", 0);
    sim.port("drv_" + bus.charAt(0) + "_wdata").set(data);
    set(sim, bus, "wstrb", strobes);
    set(sim, bus, "wlast", 1);
    set(sim, bus, "wvalid", 1);
    set(sim, bus, "bready", 1);
    handshake(sim, bus, "wready");
    set(sim, bus, "wvalid", 0);
    while (get(sim, bus, "bvalid") == 0) {
      sim.step();
    }
    assertEquals(id, get(sim, bus, "bid"));
    long response = get(sim, bus, "bresp");
    sim.step();
    set(sim, bus, "bready", 0);
    return response;
  }

  private static BigInteger readBeat(Simulation sim, String bus, int id, long address, int size) {
    set(sim, bus, "arid", id);
    set(sim, bus, "araddr", address);
    set(sim, bus, "arlen", 0);
    set(sim, bus, "arsize", size);
    set(sim, bus, "arburst", 1);
    set(sim, bus, "arvalid", 1);
    set(sim, bus, "rready", 1);
    handshake(sim, bus, "arready");
    set(sim, bus, "arvalid", 0);
    while (get(sim, bus, "rvalid") == 0) {
      sim.step();
    }
    assertEquals(id, get(sim, bus, "rid"));
    assertEquals(0, get(sim, bus, "rresp"));
    BigInteger data = sim.port(bus + "_rdata").getBigInteger();
    sim.step();
    set(sim, bus, "rready", 0);
    return data;
  }

  @Test
  void eachBusHasItsOwnModelMemoryAndCounters() {
    try (Simulation sim = Simulation.start(TestDesigns.load("axi_dual"))) {
      AxiMemoryModel a = sim.axi("a_axi").memory(0, 8192);
      AxiMemoryModel b = sim.axi("b_axi").memory(HIGH_BASE, 65536);
      BigInteger wide = new BigInteger("f00dcafe" + "0123456789abcdef".repeat(3) + "fedcba98", 16);
      assertEquals(0, writeBeat(sim, "b_axi", 0xBEEF, HIGH_BASE + 0x40, 5, wide, 0xFFFF_FFFFL));
      assertEquals(wide, readBeat(sim, "b_axi", 0xABCD, HIGH_BASE + 0x40, 5));
      assertEquals(0xfedcba98, b.contents().getInt(0x40));
      assertEquals(0, writeBeat(sim, "a_axi", 1, 0x100, 2, BigInteger.valueOf(0x11223344L), 0xF));
      assertEquals(0x11223344L, readBeat(sim, "a_axi", 0, 0x100, 2).longValue());
      assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, a.read(0x100, 4));
      assertArrayEquals(new byte[4], b.read(HIGH_BASE + 0x100, 4), "b's memory is not a's");
      assertEquals(0, a.contents().getInt(0x40), "a's memory is not b's");
      assertEquals(32, b.counters().writeBytes());
      assertEquals(4, a.counters().writeBytes());
      assertEquals(1, a.counters().readBursts());
      assertEquals(1, b.counters().readBursts());
      // the narrow bus's address is 40 bits: an address above its base is outside its memory
      assertEquals(3, writeBeat(sim, "a_axi", 0, 0x80_0000_0000L, 2, BigInteger.ONE, 0xF), "DECERR");
    }
  }
}
