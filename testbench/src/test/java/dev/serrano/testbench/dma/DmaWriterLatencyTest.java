package dev.serrano.testbench.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.BusProtocol;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.DelayLine;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.dma.DmaConfig;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import dev.serrano.hdl.lib.dma.DmaWriter;
import dev.serrano.hdl.lib.memory.BankedMemory;
import dev.serrano.hdl.lib.memory.MemorySystem;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.dma.DmaDescriptor.Target;
import dev.serrano.testbench.dma.MemorySystemDriver.Completion;
import dev.serrano.testbench.dma.MemorySystemDriver.Engine;
import dev.serrano.testbench.model.DmaReference;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store engine with a slow source: scratchpad rows come back {@code latency} cycles after
 * their read (as through a pipelined post-processor), accumulator rows after one. Random stores
 * arrive intact, and long ones still move a beat per cycle because the engine fetches far enough
 * ahead.
 */
class DmaWriterLatencyTest {
  private static final int MAIN_BYTES = 64 * 1024;

  @TempDir
  Path folder;

  @ParameterizedTest(name = "scratchpad rows back after {0} cycles")
  @ValueSource(ints = {2, 12})
  void storesFromASlowSourceArriveIntactAtFullRate(int latency) {
    // The geometry the driver reads the banks with: 16-byte scratchpad rows, 64-byte accumulator rows.
    MemorySystem.Config geometry = MemorySystem.Config.of(16, ElementType.INT8, 32, false, false, 1, 2048, 1, 16, 128, 32,
        4, 256, 16, ResetStyle.SYNC_ACTIVE_HIGH);
    long seed = System.nanoTime();
    System.out.println("DmaWriterLatencyTest latency=" + latency + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, harness(geometry, latency)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, geometry);
      dma.axi().memory(0, MAIN_BYTES).seed(seed);
      sim.reset(4);
      byte[] main = new byte[MAIN_BYTES];
      random.nextBytes(main);
      dma.axi().write(0, main);
      byte[] local = new byte[dma.rows(Target.SCRATCHPAD) * 16];
      random.nextBytes(local);
      dma.writeLocal(Target.SCRATCHPAD, local);
      for (int transfer = 0; transfer < 30; transfer++) {
        dma.axi().stallAll(List.of(0.0, 0.2).get(random.nextInt(2)));
        int rowBytes = 1 + random.nextInt(100);
        int rows = 1 + random.nextInt(5);
        DmaDescriptor d = new DmaDescriptor(random.nextInt(MAIN_BYTES - 5 * 300), rows, rowBytes,
            rowBytes + random.nextInt(200), Target.SCRATCHPAD, random.nextInt(dma.rows(Target.SCRATCHPAD)));
        DmaReference.store(d, local, 16, main, 0);
        Completion done = dma.run(Engine.STORE, d);
        assertFalse(done.error(), d + " (seed " + seed + ")");
        assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), d + " (seed " + seed + ")");
      }
      dma.axi().stallAll(0);
      DmaDescriptor longStore = new DmaDescriptor(0, 16, 2048, 2048, Target.SCRATCHPAD, 0);
      Completion done = dma.run(Engine.STORE, longStore);
      double rate = 16.0 * 2048 / done.cycles();
      System.out.printf("latency %d: 32 KiB stored at %.2f of 16 bytes per cycle%n", latency, rate);
      assertTrue(rate >= 0.95 * 16, rate + " bytes per cycle");
    }
  }

  /** A store engine whose scratchpad reads come back through a delay; the read channels are idle. */
  private static Module harness(MemorySystem.Config geometry, int latency) {
    BankedMemory.Config spConfig = geometry.scratchpad();
    BankedMemory.Config accConfig = geometry.accumulator();
    DmaConfig dma = new DmaConfig(128, 32, 4, 256, 16, List.of(
        new LocalMemory("sp", 16, spConfig.addressBits(), latency, true),
        new LocalMemory("acc", 64, accConfig.addressBits())), ResetStyle.SYNC_ACTIVE_HIGH);
    Module writer = DmaWriter.build(dma);
    Module scratchpad = BankedMemory.build(spConfig);
    Module accumulator = BankedMemory.build(accConfig);
    ModuleBuilder b = new ModuleBuilder("store_latency_harness_l" + latency, DmaWriterLatencyTest.class);
    b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
    InstanceBuilder w = b.instance("u_store", writer).connect("clk", b.clock()).connect("rst", b.reset());
    InstanceBuilder sp = b.instance("u_scratchpad", scratchpad).connect("clk", b.clock()).connect("rst", b.reset());
    InstanceBuilder acc = b.instance("u_accumulator", accumulator).connect("clk", b.clock())
        .connect("rst", b.reset());
    for (Port port : writer.ports()) {
      if (port.group().equals("descriptor") || port.group().equals("completion")) {
        String name = "store_" + port.name();
        w.connect(port.name(), port.direction() == Direction.INPUT ? b.input(name, port.type())
            : b.output(name, port.type()));
      }
    }
    BusPorts axi = b.bus(dma.bus("m_axi"));
    for (Port port : writer.ports()) {
      if (port.name().startsWith("m_axi_")) {
        String signal = port.name().substring("m_axi_".length());
        w.connect(port.name(), port.direction() == Direction.INPUT ? axi.in(signal) : axi.out(signal));
      }
    }
    for (BusProtocol.Signal signal : BusProtocol.AXI4.signals()) {
      if (signal.channel().equals("ar") || signal.channel().equals("r")) {
        if (signal.fromManager()) {
          axi.out(signal.name()).assign(Bits.constant(0, signal.width(dma.bus("m_axi"))));
        }
      }
    }
    b.wire("unused_r", Value.concat(axi.in("arready"), axi.in("rid"), axi.in("rdata"),
        axi.in("rresp"), axi.in("rlast"), axi.in("rvalid")));

    Net spValid = b.wire("sp_rd_valid", Type.BIT);
    Net spAddr = b.wire("sp_rd_addr", Type.unsigned(spConfig.addressBits()));
    Net spReady = b.wire("sp_rd_ready", Type.BIT);
    Net spDataValid = b.wire("sp_rd_data_valid", Type.BIT);
    Net spData = b.wire("sp_rd_data", Type.unsigned(spConfig.rowWidth()));
    w.connect("sp_rd_valid", spValid).connect("sp_rd_addr", spAddr).connect("sp_rd_ready", spReady);
    sp.connect("rd1_valid", spValid).connect("rd1_addr", spAddr).connect("rd1_ready", spReady)
        .connect("rd1_data_valid", spDataValid).connect("rd1_data", spData);
    w.connect("sp_rd_data_valid", DelayLine.delay(b, "sp_valid", spDataValid, latency - 1, Bits.constant(1, 1), true))
        .connect("sp_rd_data", DelayLine.delay(b, "sp_data", spData, latency - 1, Bits.constant(1, 1), false));
    sp.connect("rd0_valid", Bits.constant(0, 1)).connect("rd0_addr", Bits.constant(0, spConfig.addressBits()))
        .connect("rd2_valid", Bits.constant(0, 1)).connect("rd2_addr", Bits.constant(0, spConfig.addressBits()))
        .connect("wr0_valid", Bits.constant(0, 1)).connect("wr0_addr", Bits.constant(0, spConfig.addressBits()))
        .connect("wr0_data", Bits.constant(0, spConfig.rowWidth()));
    Net accValid = b.wire("acc_rd_valid", Type.BIT);
    Net accAddr = b.wire("acc_rd_addr", Type.unsigned(accConfig.addressBits()));
    Net accReady = b.wire("acc_rd_ready", Type.BIT);
    Net accDataValid = b.wire("acc_rd_data_valid", Type.BIT);
    Net accData = b.wire("acc_rd_data", Type.unsigned(accConfig.rowWidth()));
    w.connect("acc_rd_valid", accValid).connect("acc_rd_addr", accAddr).connect("acc_rd_ready", accReady)
        .connect("acc_rd_data_valid", accDataValid).connect("acc_rd_data", accData);
    acc.connect("rd0_valid", accValid).connect("rd0_addr", accAddr).connect("rd0_ready", accReady)
        .connect("rd0_data_valid", accDataValid).connect("rd0_data", accData);
    for (int client = 0; client < 2; client++) {
      acc.connect("wr" + client + "_valid", Bits.constant(0, 1))
          .connect("wr" + client + "_addr", Bits.constant(0, accConfig.addressBits()))
          .connect("wr" + client + "_data", Bits.constant(0, accConfig.rowWidth()))
          .connect("wr" + client + "_accumulate", Bits.constant(0, 1));
    }
    return b.build();
  }
}
