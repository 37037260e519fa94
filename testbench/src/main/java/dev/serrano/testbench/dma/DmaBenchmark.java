package dev.serrano.testbench.dma;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.memory.MemorySystem;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.Synthesis;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.dma.DmaDescriptor.Target;
import dev.serrano.testbench.dma.MemorySystemDriver.Completion;
import dev.serrano.testbench.dma.MemorySystemDriver.Engine;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * DMA bandwidth of the memory system on the native AXI model: bytes per cycle of 64 KiB loads and
 * stores against the bus width, with a never-stalling memory and with 10 % and 50 % random stalls
 * on every channel, for long rows and for one-scratchpad-row tiles; then the Yosys resources of
 * the default memory system. Prints Markdown ({@code scripts/bench-dma}).
 */
public final class DmaBenchmark {
  private static final int BYTES = 64 * 1024;
  private static final int READ_LATENCY = 8;

  private DmaBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("serrano-bench-dma");
    bandwidth(work);
    resources(work);
  }

  private static void bandwidth(Path work) throws Exception {
    System.out.println("### DMA bandwidth, 64 KiB per transfer, read latency " + READ_LATENCY
        + " cycles, write-response latency 4\n");
    System.out.println("| bus | outstanding | transfer | stalls | load B/cycle | load % of bus | store B/cycle |"
        + " store % of bus |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    // Bus width, outstanding bursts (the default 16, and 8 once to show what one-beat bursts need).
    int[][] points = {{32, 16}, {64, 16}, {128, 8}, {128, 16}, {256, 16}, {512, 16}};
    for (int[] point : points) {
      int dataWidth = point[0];
      int outstanding = point[1];
      // Scratchpad rows as wide as the bus, so the local side never limits the bus.
      int cols = dataWidth / 8;
      int spRows = BYTES / cols;
      MemorySystem.Config config = MemorySystem.Config.of(cols, ElementType.INT8, 32, false, false, 1, spRows, 1, 16,
          dataWidth, 32, 4, 256, outstanding, ResetStyle.SYNC_ACTIVE_HIGH);
      Path folder = work.resolve("bus" + dataWidth + "_o" + outstanding);
      EmittedDesign emitted = OutputWriter.write(Design.of(MemorySystem.build(config)), folder);
      try (Simulation sim = Simulation.start(DesignInterface.read(folder, emitted.top()))) {
        MemorySystemDriver dma = new MemorySystemDriver(sim, config);
        dma.axi().memory(0, 2 * BYTES).readLatency(READ_LATENCY).writeLatency(4).seed(1);
        sim.reset(4);
        int busBytes = dataWidth / 8;
        List<DmaDescriptor> shapes = List.of(
            new DmaDescriptor(0, BYTES / 4096, 4096, 4096, Target.SCRATCHPAD, 0),
            new DmaDescriptor(0, BYTES / busBytes, busBytes, 2L * busBytes, Target.SCRATCHPAD, 0));
        for (DmaDescriptor d : shapes) {
          String shape = d.rowBytes() == 4096 ? "16 rows x 4 KiB" : BYTES / busBytes + " rows x " + busBytes
              + " B, stride " + 2 * busBytes;
          for (double stall : new double[] {0, 0.1, 0.5}) {
            dma.axi().stallAll(stall);
            Completion load = dma.run(Engine.LOAD, d);
            Completion store = dma.run(Engine.STORE, d);
            double loadRate = (double) BYTES / load.cycles();
            double storeRate = (double) BYTES / store.cycles();
            System.out.printf("| %d | %d | %s | %.0f %% | %.2f | %.1f %% | %.2f | %.1f %% |%n", dataWidth, outstanding, shape,
                100 * stall, loadRate, 100 * loadRate / busBytes, storeRate, 100 * storeRate / busBytes);
          }
        }
      }
    }
  }

  private static void resources(Path work) throws Exception {
    System.out.println("\n### Yosys 0.23 resources, default memory system (256 KiB / 4 banks, 64 KiB / 2 banks,"
        + " 128-bit AXI4)\n");
    Path folder = work.resolve("default");
    EmittedDesign emitted = OutputWriter.write(Catalog.design("memory_system", Map.of()), folder);
    ResourceReport xilinx = Synthesis.run(folder, emitted.verilogFiles(), emitted.top(), Flow.XILINX);
    System.out.println("| flow | RAMB36E1 | RAMB18E1 | LUT | FF | CARRY4 | DSP48E1 |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.printf("| synth_xilinx | %d | %d | %d | %d | %d | %d |%n", xilinx.count("RAMB36E1"),
        xilinx.count("RAMB18E1"), xilinx.lut(), xilinx.ff(), xilinx.carry(), xilinx.dsp());
  }
}
