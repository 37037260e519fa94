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
import dev.serrano.testbench.model.Requantize;
import dev.serrano.testbench.model.Requantize.RowConfig;
import dev.serrano.testbench.post.RandomRowConfigs;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Store target 2 of the memory system: accumulator rows through the post-processor, stored as int8
 * rows of one byte per lane. Every stored byte is compared with the TFLite reference
 * ({@link Requantize}) applied to the accumulator image and placed by the transfer reference
 * ({@link DmaReference}); nothing outside the region and no local memory changes; errors are
 * reported; a load into the accumulator followed by post-processed and raw stores sees the loaded
 * rows. Seeds are logged; replay one with {@code -DpostStore.seed=<seed>}.
 */
class MemorySystemPostStoreTest {
  private static final int MAIN_BYTES = 16 * 1024;
  private static final int DECERR = 3;

  @TempDir
  Path folder;

  private static MemorySystem.Config config(int cols, int dataWidth, int maxBurst, int outstanding) {
    return MemorySystem.Config.of(cols, ElementType.INT8, 32, false, true, 2, 16, 2, 16, dataWidth, 32, 4, maxBurst,
        outstanding, ResetStyle.SYNC_ACTIVE_HIGH);
  }

  private static long seed() {
    String s = System.getProperty("postStore.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  @ParameterizedTest(name = "{0} lanes, {1}-bit bus, bursts <= {2}, {3} outstanding")
  @CsvSource({
      "6,  32, 8,  4",
      "20, 64, 16, 2",
  })
  void randomPostProcessedStoresMatchTheReferenceUnderStalls(int cols, int dataWidth, int maxBurst, int outstanding) {
    MemorySystem.Config config = config(cols, dataWidth, maxBurst, outstanding);
    long seed = seed();
    System.out.println("MemorySystemPostStoreTest " + config.moduleName() + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES).seed(seed);
      sim.reset(4);
      byte[] main = MemorySystemDmaTest.randomBytes(random, MAIN_BYTES);
      dma.axi().write(0, main);
      byte[] scratchpad = MemorySystemDmaTest.randomBytes(random, dma.rows(Target.SCRATCHPAD)
          * dma.rowBytes(Target.SCRATCHPAD));
      dma.writeLocal(Target.SCRATCHPAD, scratchpad);
      byte[] accumulator = randomAccumulator(random, dma);
      dma.writeLocal(Target.ACCUMULATOR, accumulator);
      for (int transfer = 0; transfer < 40; transfer++) {
        double stall = List.of(0.0, 0.1, 0.5).get(random.nextInt(3));
        dma.axi().stallAll(stall).writeLatency(1 + random.nextInt(8));
        RowConfig rowConfig = RandomRowConfigs.random(random, cols, true);
        dma.postProcess(rowConfig);
        DmaDescriptor d = MemorySystemDmaTest.randomDescriptor(random, dma, Target.POST_PROCESSED, MAIN_BYTES);
        String what = d + " stalls " + stall + " (seed " + seed + ", transfer " + transfer + ")";
        DmaReference.store(d, postProcessed(accumulator, cols, rowConfig), cols, main, 0);
        dma.axi().resetCounters();
        Completion done = dma.run(Engine.STORE, d);
        assertFalse(done.error(), what + ": error reported");
        assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), what + ": main memory contents");
        List<Burst> bursts = DmaReference.bursts(d, dataWidth / 8, maxBurst);
        AxiCounters counters = dma.axi().counters();
        assertEquals(bursts.size(), counters.writeBursts(), what + ": write bursts");
        assertEquals((long) d.rows() * d.rowBytes(), counters.writeBytes(), what + ": bytes written");
      }
      assertArrayEquals(accumulator, dma.readLocal(Target.ACCUMULATOR), "accumulator contents (seed " + seed + ")");
      assertArrayEquals(scratchpad, dma.readLocal(Target.SCRATCHPAD), "scratchpad contents (seed " + seed + ")");
    }
  }

  @Test
  void aLoadThenPostProcessedAndRawStoresBackToBackSeeTheLoadedRows() {
    int cols = 6;
    MemorySystem.Config config = config(cols, 32, 8, 4);
    long seed = seed();
    System.out.println("MemorySystemPostStoreTest ordering seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES).stallAll(0.1).seed(seed);
      sim.reset(4);
      byte[] accumulator = randomAccumulator(random, dma);
      dma.writeLocal(Target.ACCUMULATOR, accumulator);
      // Main memory holds new int32 rows for accumulator rows 5 to 12; the stores follow the load at once.
      byte[] main = new byte[MAIN_BYTES];
      byte[] fresh = randomAccumulator(random, dma);
      System.arraycopy(fresh, 0, main, 0x100, 8 * 4 * cols);
      dma.axi().write(0, main);
      int accRowBytes = dma.rowBytes(Target.ACCUMULATOR);
      DmaDescriptor load = new DmaDescriptor(0x100, 8, accRowBytes, accRowBytes, Target.ACCUMULATOR, 5);
      DmaReference.load(load, address -> main[(int) address], accumulator, accRowBytes);
      RowConfig relu = new RowConfig(new int[cols], repeat(cols, 1 << 30), repeat(cols, -4), -3, -3, 127, true,
          true);
      dma.postProcess(relu);
      // Post-processed, raw, then post-processed again with a clamp to [-128, 5]: each right after the other.
      DmaDescriptor post = new DmaDescriptor(0x1003, 8, cols, 16, Target.POST_PROCESSED, 5);
      DmaDescriptor raw = new DmaDescriptor(0x2001, 8, accRowBytes, accRowBytes + 3, Target.ACCUMULATOR, 5);
      DmaDescriptor again = new DmaDescriptor(0x3000, 4, 2 * cols, 2 * cols, Target.POST_PROCESSED, 5);
      RowConfig clamped = new RowConfig(repeat(cols, 7), repeat(cols, 1 << 30), repeat(cols, -4), -3, -128, 5,
          true, true);
      dma.submit(Engine.LOAD, load);
      dma.await(Engine.LOAD, load);
      dma.submit(Engine.STORE, post);
      assertFalse(dma.await(Engine.STORE, post).error(), "post-processed store (seed " + seed + ")");
      dma.submit(Engine.STORE, raw);
      assertFalse(dma.await(Engine.STORE, raw).error(), "raw store (seed " + seed + ")");
      dma.postProcess(clamped);
      dma.submit(Engine.STORE, again);
      assertFalse(dma.await(Engine.STORE, again).error(), "second post-processed store (seed " + seed + ")");

      DmaReference.store(post, postProcessed(accumulator, cols, relu), cols, main, 0);
      DmaReference.store(raw, accumulator, accRowBytes, main, 0);
      DmaReference.store(again, postProcessed(accumulator, cols, clamped), cols, main, 0);
      assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), "main memory (seed " + seed + ")");
      assertArrayEquals(accumulator, dma.readLocal(Target.ACCUMULATOR), "accumulator (seed " + seed + ")");
    }
  }

  @Test
  void errorsAreReportedAndUnreachableTargetsAreRefused() {
    int cols = 6;
    MemorySystem.Config config = config(cols, 32, 8, 4);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, MemorySystem.build(config)))) {
      MemorySystemDriver dma = new MemorySystemDriver(sim, config);
      dma.axi().memory(0, MAIN_BYTES).stallAll(0.2).seed(5);
      dma.axi().addErrorRange(0x3000, 0x3100, AxiResponse.SLVERR, true, true);
      sim.reset(4);
      Random random = new Random(13);
      byte[] main = MemorySystemDmaTest.randomBytes(random, MAIN_BYTES);
      dma.axi().write(0, main);
      byte[] accumulator = randomAccumulator(random, dma);
      dma.writeLocal(Target.ACCUMULATOR, accumulator);
      byte[] scratchpad = dma.readLocal(Target.SCRATCHPAD);
      RowConfig rowConfig = RandomRowConfigs.random(random, cols, true);
      dma.postProcess(rowConfig);

      // Rows of 12 bytes (two accumulator rows each) 0x100 apart from 0x2ffa: rows 1 and 2 touch the failing range.
      DmaDescriptor failing = new DmaDescriptor(0x2ffa - 0x100, 4, 2 * cols, 0x100, Target.POST_PROCESSED, 3);
      List<Burst> bursts = DmaReference.bursts(failing, 4, 8);
      long firstFailing = bursts.stream().filter(b -> b.touches(0x3000, 0x3100, 4)).findFirst().orElseThrow()
          .address();
      Completion store = dma.run(Engine.STORE, failing);
      assertTrue(store.error(), "store error");
      assertEquals(2, store.errorResponse(), "SLVERR");
      assertEquals(firstFailing, store.errorAddress(), "address of the first failing burst");
      byte[] stored = main.clone();
      DmaReference.store(failing, postProcessed(accumulator, cols, rowConfig), cols, stored, 0);
      for (Burst burst : bursts) {
        if (!burst.touches(0x3000, 0x3100, 4)) {
          System.arraycopy(stored, (int) burst.first(), main, (int) burst.first(), (int) (burst.end() - burst.first()));
        }
      }
      assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), "failing bursts write nothing, the others their rows");

      // A load cannot write post-processed rows, and target 3 names no memory: DECERR at the descriptor's address.
      DmaDescriptor loadOut = new DmaDescriptor(0x400, 3, 20, 20, Target.POST_PROCESSED, 0);
      Completion refusedLoad = dma.run(Engine.LOAD, loadOut);
      assertTrue(refusedLoad.error(), "load to target 2");
      assertEquals(DECERR, refusedLoad.errorResponse(), "load to target 2: DECERR");
      assertEquals(0x400, refusedLoad.errorAddress(), "load to target 2: the descriptor's address");
      DmaDescriptor storeNowhere = new DmaDescriptor(0x500, 2, 8, 8, Target.POST_PROCESSED, 0);
      Completion refusedStore = dma.run(Engine.STORE, storeNowhere, 3);
      assertTrue(refusedStore.error(), "store from target 3");
      assertEquals(DECERR, refusedStore.errorResponse(), "store from target 3: DECERR");
      assertEquals(0x500, refusedStore.errorAddress(), "store from target 3: the descriptor's address");
      Completion loadNowhere = dma.run(Engine.LOAD, storeNowhere, 3);
      assertEquals(DECERR, loadNowhere.errorResponse(), "load to target 3: DECERR");
      assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), "refused transfers write no main memory");
      assertArrayEquals(accumulator, dma.readLocal(Target.ACCUMULATOR), "refused transfers write no accumulator");
      assertArrayEquals(scratchpad, dma.readLocal(Target.SCRATCHPAD), "refused transfers write no scratchpad");

      // The engines go on: a clean post-processed store after the errors.
      DmaDescriptor clean = new DmaDescriptor(0x3801, 3, cols, 40, Target.POST_PROCESSED, 30);
      DmaReference.store(clean, postProcessed(accumulator, cols, rowConfig), cols, main, 0);
      Completion next = dma.run(Engine.STORE, clean);
      assertFalse(next.error(), "the next store reports no error");
      assertEquals(0, next.errorResponse(), "error response cleared");
      assertArrayEquals(main, dma.axi().read(0, MAIN_BYTES), "the next store's rows");
    }
  }

  /** Accumulator rows of random int32 lanes, edge values included, little-endian. */
  private static byte[] randomAccumulator(Random random, MemorySystemDriver dma) {
    ByteBuffer image = ByteBuffer.allocate(dma.rows(Target.ACCUMULATOR) * dma.rowBytes(Target.ACCUMULATOR))
        .order(ByteOrder.LITTLE_ENDIAN);
    while (image.hasRemaining()) {
      image.putInt(RandomRowConfigs.value(random, 1 << 20));
    }
    return image.array();
  }

  /** The reference's int8 rows (lane k at byte k) for every accumulator row. */
  private static byte[] postProcessed(byte[] accumulator, int lanes, RowConfig rowConfig) {
    ByteBuffer acc = ByteBuffer.wrap(accumulator).order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = new byte[accumulator.length / 4];
    int[] row = new int[lanes];
    for (int r = 0; r < out.length / lanes; r++) {
      for (int k = 0; k < lanes; k++) {
        row[k] = acc.getInt((r * lanes + k) * 4);
      }
      int[] result = Requantize.row(row, rowConfig);
      for (int k = 0; k < lanes; k++) {
        out[r * lanes + k] = (byte) result[k];
      }
    }
    return out;
  }

  private static int[] repeat(int lanes, int value) {
    int[] values = new int[lanes];
    Arrays.fill(values, value);
    return values;
  }
}
