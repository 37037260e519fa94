package dev.serrano.testbench.sim;

import dev.serrano.testbench.TestDesigns;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the {@code axi_manual} test design (a 64-bit AXI4 master whose outputs are the drv_* inputs)
 * from Java, one cycle per step. A signal written before {@link Simulation#step()} is seen by the
 * AXI model at that step's edge; the model's outputs read after a step are those of the next edge.
 */
final class AxiManualMaster {

  static final int BUS_BYTES = 8;
  static final int INCR = 1;
  static final int FIXED = 0;
  static final int WRAP = 2;
  private static final int TIMEOUT = 10_000;

  final Simulation sim;
  final AxiMemoryModel axi;

  /** One R beat as the master received it. */
  record ReadBeat(long data, AxiResponse response, boolean last, int id) {}

  AxiManualMaster(Simulation sim) {
    this.sim = sim;
    this.axi = sim.axi("m_axi");
  }

  static Simulation start(SimulationOptions options) {
    return Simulation.start(TestDesigns.load("axi_manual"), options);
  }

  void set(String signal, long value) {
    sim.port("drv_" + signal).set(value);
  }

  long get(String signal) {
    return sim.port("m_axi_" + signal).get();
  }

  void address(String channel, int id, long address, int len, int size, int burst) {
    set(channel + "id", id);
    set(channel + "addr", address);
    set(channel + "len", len);
    set(channel + "size", size);
    set(channel + "burst", burst);
    set(channel + "valid", 1);
  }

  void data(long data, int strobes, boolean last) {
    set("wdata", data);
    set("wstrb", strobes);
    set("wlast", last ? 1 : 0);
    set("wvalid", 1);
  }

  /** Steps until {@code <ready>} is high, then one more step: the handshake edge. Returns the cycles. */
  int handshake(String ready) {
    int cycles = 0;
    while (get(ready) == 0) {
      step();
      if (++cycles > TIMEOUT) {
        throw new AssertionError(ready + " stayed low for " + TIMEOUT + " cycles");
      }
    }
    step();
    return cycles + 1;
  }

  void step() {
    sim.step();
  }

  /** A whole write burst: AW, then the W beats, then waits for B; returns BRESP. */
  AxiResponse write(int id, long address, int size, int burst, long[] data, int[] strobes) {
    address("aw", id, address, data.length - 1, size, burst);
    handshake("awready");
    set("awvalid", 0);
    for (int i = 0; i < data.length; i++) {
      data(data[i], strobes[i], i == data.length - 1);
      handshake("wready");
    }
    set("wvalid", 0);
    set("wlast", 0);
    set("bready", 1);
    int cycles = 0;
    while (get("bvalid") == 0) {
      step();
      if (++cycles > TIMEOUT) {
        throw new AssertionError("no BVALID within " + TIMEOUT + " cycles");
      }
    }
    AxiResponse response = AxiResponse.of(get("bresp"));
    if (get("bid") != id) {
      throw new AssertionError("BID " + get("bid") + ", expected " + id);
    }
    step();
    set("bready", 0);
    return response;
  }

  /** A whole read burst: AR, then collects the R beats with RREADY high. */
  List<ReadBeat> read(int id, long address, int len, int size, int burst) {
    address("ar", id, address, len, size, burst);
    handshake("arready");
    set("arvalid", 0);
    set("rready", 1);
    List<ReadBeat> beats = new ArrayList<>();
    int cycles = 0;
    while (beats.size() <= len) {
      if (get("rvalid") == 1) {
        beats.add(new ReadBeat(get("rdata"), AxiResponse.of(get("rresp")), get("rlast") == 1, (int) get("rid")));
      }
      step();
      if (++cycles > TIMEOUT) {
        throw new AssertionError("read burst incomplete after " + TIMEOUT + " cycles");
      }
    }
    set("rready", 0);
    return beats;
  }
}
