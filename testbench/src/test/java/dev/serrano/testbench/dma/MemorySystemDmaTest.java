package dev.serrano.testbench.dma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.memory.MemorySystem;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.dma.DmaDescriptor.Target;
import dev.serrano.testbench.dma.MemorySystemDriver.Completion;
import dev.serrano.testbench.dma.MemorySystemDriver.Engine;
import dev.serrano.testbench.model.DmaReference;
import dev.serrano.testbench.model.DmaReference.Burst;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory system's DMA engines against the native AXI memory model and the transfer reference:
 * random 2-D transfers (sizes, alignments, strides, 4 KiB crossings, both local memories) under
 * random latencies and stalls on every channel. Each transfer's data arrives intact, nothing
 * outside its target changes, the bursts are exactly the planned ones, and the model's protocol
 * checker (which stops the simulation on any violation) stays silent.
 */
class MemorySystemDmaTest {
  private static final int MAIN_BYTES = 64 * 1024;

  @TempDir
  Path folder;

  private static MemorySystem.Config config(int cols, String input, int accWidth, int dataWidth, int addressWidth,
      int maxBurst, int outstanding) {
    return config(cols, input, accWidth, dataWidth, addressWidth, maxBurst, outstanding, 64, 16);
  }

  private static MemorySystem.Config config(int cols, String input, int accWidth, int dataWidth, int addressWidth,
      int maxBurst, int outstanding, int spRows, int accRows) {
    return MemorySystem.Config.of(cols, ElementType.parse("input", input), accWidth, false, false, 2, spRows, 2, accRows,
        dataWidth, addressWidth, 4, maxBurst, outstanding, ResetStyle.SYNC_ACTIVE_HIGH);
  }

  @ParameterizedTest(name = "{0} cols {1}, acc {2}, {3}-bit bus, {4}-bit addresses, bursts <= {5}, {6} outstanding")
  @CsvSource({
      "16, s8,  32, 128, 32, 256, 8",
      "12, s8,  32, 64,  32, 16,  2",
      "20, s8,  24, 32,  32, 4,   4",
      "16, s16, 32, 512, 64, 8,   4",
  })
  void randomTransfersArriveIntactUnderStalls(int cols, String input, int accWidth, int dataWidth, int addressWidth,
      int maxBurst, int outstanding) {
    MemorySystem.Config config = config(cols, input, accWidth, dataWidth, addressWidth, maxBurst, outstanding);
    long seed = System.nanoTime();
    System.out.println("MemorySystemDmaTest " + config.moduleName() + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES).seed(seed);
      sim.reset(4);
      byte[] main = randomBytes(random, MAIN_BYTES);
      dma.axi().write(0, main);
      byte[][] local = new byte[Target.values().length][];
      for (Target target : List.of(Target.SCRATCHPAD, Target.ACCUMULATOR)) {
        local[target.ordinal()] = randomBytes(random, dma.rows(target) * dma.rowBytes(target));
        dma.writeLocal(target, local[target.ordinal()]);
      }
      int busBytes = dataWidth / 8;
      for (int transfer = 0; transfer < 60; transfer++) {
        double stall = List.of(0.0, 0.1, 0.5).get(random.nextInt(3));
        dma.axi().stallAll(stall).readLatency(1 + random.nextInt(8)).writeLatency(1 + random.nextInt(8));
        Target target = random.nextBoolean() ? Target.SCRATCHPAD : Target.ACCUMULATOR;
        Engine engine = random.nextBoolean() ? Engine.LOAD : Engine.STORE;
        DmaDescriptor d = randomDescriptor(random, dma, target, MAIN_BYTES);
        String what = engine + " " + d + " stalls " + stall + " (seed " + seed + ", transfer " + transfer + ")";
        dma.axi().resetCounters();
        byte[] image = local[target.ordinal()];
        if (engine == Engine.LOAD) {
          DmaReference.load(d, address -> main[(int) address], image, dma.rowBytes(target));
        } else {
          DmaReference.store(d, image, dma.rowBytes(target), main, 0);
        }
        Completion done = dma.run(engine, d);
        assertFalse(done.error(), what + ": error reported");
        assertArrayEquals(image, dma.readLocal(target), what + ": " + target + " contents");
        assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), what + ": main memory contents");
        List<Burst> bursts = DmaReference.bursts(d, busBytes, maxBurst);
        AxiCounters counters = dma.axi().counters();
        long beats = bursts.stream().mapToLong(Burst::beats).sum();
        if (engine == Engine.LOAD) {
          assertEquals(bursts.size(), counters.readBursts(), what + ": read bursts");
          assertEquals(beats, counters.readBeats(), what + ": read beats");
        } else {
          assertEquals(bursts.size(), counters.writeBursts(), what + ": write bursts");
          assertEquals(beats, counters.writeBeats(), what + ": write beats");
          assertEquals((long) d.rows() * d.rowBytes(), counters.writeBytes(), what + ": bytes written");
        }
        assertTrue(counters.handshakesChecked() >= bursts.size() + (engine == Engine.STORE ? beats : 0),
            what + ": the protocol checker saw every handshake");
      }
    }
  }

  @Test
  void errorResponsesAreReportedAndTheNextTransferWorks() {
    MemorySystem.Config config = config(16, "s8", 32, 128, 32, 16, 4);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES).stallAll(0.2).seed(7);
      dma.axi().addErrorRange(0x3000, 0x3100, AxiResponse.SLVERR, true, true);
      sim.reset(4);
      Random random = new Random(11);
      byte[] main = randomBytes(random, MAIN_BYTES);
      dma.axi().write(0, main);
      // Rows of 100 bytes at 0x2ef9, 0x2ff9, 0x30f9, 0x31f9: the middle two touch the failing range.
      DmaDescriptor failing = new DmaDescriptor(0x2ef9, 4, 100, 0x100, Target.SCRATCHPAD, 0);
      long firstFailing = DmaReference.bursts(failing, 16, 16).stream()
          .filter(b -> b.touches(0x3000, 0x3100, 16)).findFirst().orElseThrow().address();

      Completion load = dma.run(Engine.LOAD, failing);
      assertTrue(load.error(), "load error");
      assertEquals(2, load.errorResponse(), "SLVERR");
      assertEquals(firstFailing, load.errorAddress(), "address of the first failing beat");

      byte[] local = dma.readLocal(Target.SCRATCHPAD);
      Completion store = dma.run(Engine.STORE, failing);
      assertTrue(store.error(), "store error");
      assertEquals(2, store.errorResponse(), "SLVERR");
      assertEquals(firstFailing, store.errorAddress(), "address of the first failing burst");
      // Failing bursts write nothing; the others write their bytes.
      byte[] expected = main.clone();
      byte[] stored = main.clone();
      DmaReference.store(failing, local, 16, stored, 0);
      for (Burst burst : DmaReference.bursts(failing, 16, 16)) {
        if (!burst.touches(0x3000, 0x3100, 16)) {
          System.arraycopy(stored, (int) burst.first(), expected, (int) burst.first(), (int) (burst.end() - burst.first()));
        }
      }
      assertArrayEquals(expected, dma.axi().read(0, MAIN_BYTES), "main memory after the failing store");

      DmaDescriptor clean = new DmaDescriptor(0x5003, 3, 40, 64, Target.ACCUMULATOR, 3);
      byte[] acc = dma.readLocal(Target.ACCUMULATOR);
      DmaReference.load(clean, address -> expected[(int) address], acc, 64);
      Completion next = dma.run(Engine.LOAD, clean);
      assertFalse(next.error(), "the next descriptor reports no error");
      assertEquals(0, next.errorAddress(), "error address cleared");
      assertArrayEquals(acc, dma.readLocal(Target.ACCUMULATOR), "the next descriptor's data");

      // Past the end of the model's memory: DECERR, on the first beat outside it.
      DmaDescriptor outside = new DmaDescriptor(MAIN_BYTES - 40, 1, 100, 100, Target.SCRATCHPAD, 8);
      Completion decerr = dma.run(Engine.LOAD, outside);
      assertTrue(decerr.error(), "load past the memory's end");
      assertEquals(3, decerr.errorResponse(), "DECERR");
      assertEquals(MAIN_BYTES, decerr.errorAddress(), "first beat past the end");
      Completion after = dma.run(Engine.STORE, clean);
      assertFalse(after.error(), "a store after the DECERR load");
    }
  }

  @ParameterizedTest(name = "{0} of {1} rows at full bus rate")
  @CsvSource({"LOAD, SCRATCHPAD", "LOAD, ACCUMULATOR", "STORE, SCRATCHPAD", "STORE, ACCUMULATOR"})
  void longTransfersMoveABeatPerCycleWithoutStalls(Engine engine, Target target) {
    // 32 KiB of scratchpad and accumulator: long enough that the first burst's latency is noise.
    MemorySystem.Config config = config(16, "s8", 32, 128, 32, 256, 8, 1024, 256);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES);
      sim.reset(4);
      int rowBytes = 1024;
      int rows = dma.rows(target) * dma.rowBytes(target) / rowBytes;
      DmaDescriptor d = new DmaDescriptor(0x1000, rows, rowBytes, rowBytes, target, 0);
      Completion done = dma.run(engine, d);
      double bytesPerCycle = (double) rows * rowBytes / done.cycles();
      System.out.printf("%s %s: %d bytes in %d cycles, %.2f of 16 bytes per cycle%n", engine, target,
          rows * rowBytes, done.cycles(), bytesPerCycle);
      assertTrue(bytesPerCycle >= 0.95 * 16, engine + " " + target + ": " + bytesPerCycle + " bytes per cycle");
    }
  }

  /** A random transfer within the first {@code mainBytes} of main memory, a third of them just before a 4 KiB boundary. */
  static DmaDescriptor randomDescriptor(Random random, MemorySystemDriver dma, Target target, int mainBytes) {
    int localRowBytes = dma.rowBytes(target);
    int rowBytes = 1 + random.nextInt(Math.min(3 * localRowBytes, 300));
    int per = (rowBytes + localRowBytes - 1) / localRowBytes;
    int rows = 1 + random.nextInt(Math.min(6, dma.rows(target) / per));
    long stride = rowBytes + (random.nextBoolean() ? 0 : random.nextInt(200));
    long span = (rows - 1) * stride + rowBytes;
    long address;
    if (random.nextInt(3) == 0) {
      // Just before a 4 KiB boundary, so bursts must split there.
      address = Math.max(0, 4096L * (1 + random.nextInt(mainBytes / 4096 - 2)) - random.nextInt(64));
    } else {
      address = random.nextInt((int) (mainBytes - span));
    }
    address = Math.min(address, mainBytes - span);
    int localRow = random.nextInt(dma.rows(target));
    return new DmaDescriptor(address, rows, rowBytes, stride, target, localRow);
  }

  static byte[] randomBytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
