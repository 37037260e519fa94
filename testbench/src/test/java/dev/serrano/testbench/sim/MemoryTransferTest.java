package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Fifo;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bulk copies between Java and the memories of hdl-gen designs: the FIFO's {@code storage}
 * (written at {@code wr_ptr_q}, read into the output register at {@code rd_ptr_q}), in each of
 * Verilator's word types, and the memories of two FIFO instances inside a wrapper.
 */
class MemoryTransferTest {

  private static final int DEPTH = 16;

  @TempDir
  Path folder;

  private DesignInterface fifo(int width) {
    return GeneratedDesigns.generate(folder, "fifo", Map.of("width", "" + width, "depth", "" + DEPTH));
  }

  /** Widths stored by Verilator as CData, SData, IData, QData and VlWide<3>. */
  @ParameterizedTest(name = "width={0}")
  @ValueSource(ints = {5, 12, 32, 40, 70})
  void readsBackWhatItWritesWithTheTopBitsCleared(int width) {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int chunksPerWord = (width + 31) / 32;
    int[] chunks = new int[DEPTH * chunksPerWord];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = random.nextInt();  // bits above the width too: they must be cleared
    }
    int[] expected = chunks.clone();
    for (int word = 0; word < DEPTH; word++) {
      int top = word * chunksPerWord + chunksPerWord - 1;
      expected[top] &= width % 32 == 0 ? -1 : (1 << (width % 32)) - 1;
    }
    try (Simulation sim = Simulation.start(fifo(width))) {
      Memory storage = sim.memory("storage");
      assertEquals(width, storage.width());
      assertEquals(DEPTH, storage.depth());
      storage.writeChunks(0, chunks);
      int[] back = new int[chunks.length];
      storage.readChunks(0, back);
      assertArrayEquals(expected, back, "chunks (seed " + seed + ")");

      if (width <= 64) {
        long[] words = random.longs(DEPTH - 3).toArray();
        storage.write(3, words);
        long[] read = new long[DEPTH - 3];
        storage.read(3, read);
        long mask = width == 64 ? -1L : (1L << width) - 1;
        for (int i = 0; i < words.length; i++) {
          assertEquals(words[i] & mask, read[i], "word " + (3 + i) + " (seed " + seed + ")");
        }
      } else {
        IllegalStateException wide = assertThrows(IllegalStateException.class, () -> storage.read(0, new long[1]));
        assertTrue(wide.getMessage().contains("writeChunks"), wide.getMessage());
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
            () -> storage.writeChunks(0, new int[chunksPerWord + 1]));
        assertTrue(partial.getMessage().contains("not whole words"), partial.getMessage());
      }
    }
  }

  @Test
  void seesWordsPushedThroughThePortsAndFeedsLoadedWordsToThem() {
    try (Simulation sim = Simulation.start(fifo(32))) {
      sim.reset(2);
      Port inValid = sim.port("in_valid");
      Port inData = sim.port("in_data");
      Port outReady = sim.port("out_ready");
      Port outData = sim.port("out_data");
      Memory storage = sim.memory("storage");

      // Five pushes with the read side stalled: wr_ptr_q runs 0 to 4, so storage[0..4] holds them.
      outReady.set(0);
      inValid.set(1);
      for (int i = 0; i < 5; i++) {
        inData.set(0xA000_0000L + i);
        sim.step();
      }
      inValid.set(0);
      sim.step();
      long[] stored = new long[5];
      storage.read(0, stored);
      assertArrayEquals(new long[] {0xA000_0000L, 0xA000_0001L, 0xA000_0002L, 0xA000_0003L, 0xA000_0004L}, stored);

      // Word 0 sits in the output register (rd_ptr_q = 1); replace words 1 to 4 in the memory,
      // then they must leave through out_data in place of the pushed ones.
      storage.write(1, new long[] {0x11, 0x22, 0x33, 0x44});
      outReady.set(1);
      sim.eval();
      long[] popped = new long[5];
      for (int i = 0; i < 5; i++) {
        popped[i] = outData.get();
        sim.step();
      }
      assertArrayEquals(new long[] {0xA000_0000L, 0x11, 0x22, 0x33, 0x44}, popped);
    }
  }

  @Test
  void refusesCopiesOutsideTheMemoryNamingItsRangeAndDepth() {
    try (Simulation sim = Simulation.start(fifo(32))) {
      Memory storage = sim.memory("storage");
      storage.read(DEPTH, new long[0]);  // an empty range at the end is inside
      IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
          () -> storage.read(14, new long[4]));
      assertEquals("memory storage of fifo_w32_d16: words 14 to 17 (4 words) are outside its depth of 16 words"
          + " (0 to 15)", past.getMessage());
      IndexOutOfBoundsException negative = assertThrows(IndexOutOfBoundsException.class,
          () -> storage.write(-1, new long[1]));
      assertTrue(negative.getMessage().contains("words -1 to -1"), negative.getMessage());
    }
  }

  @Test
  void refusesToStartWhenTheInterfaceDisagreesWithTheVerilogMemory() throws Exception {
    DesignInterface generated = fifo(32);
    Path json = generated.directory().resolve(generated.top() + ".json");
    Files.writeString(json, Files.readString(json).replace("\"depth\" : " + DEPTH, "\"depth\" : 8"));
    SimulationFatalException mismatch = assertThrows(SimulationFatalException.class,
        () -> Simulation.start(DesignInterface.read(json)).close());
    assertTrue(mismatch.getMessage().startsWith("memory storage: the interface JSON says 8 words of 32 bits,"
        + " the Verilog has 16 words of 32 bits"), mismatch.getMessage());
  }

  @Test
  void namesTheKnownMemoriesForAnUnknownPath() {
    try (Simulation sim = Simulation.start(fifo(32))) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.memory("u_x.storage"));
      assertEquals("design fifo_w32_d16 has no memory \"u_x.storage\"; its memories are storage", unknown.getMessage());
    }
  }

  @Test
  void reachesTheMemoriesOfSubmoduleInstancesSeparately() {
    DesignInterface pair = GeneratedDesigns.generate(folder, fifoPair());
    assertEquals(2, pair.memories().size());
    try (Simulation sim = Simulation.start(pair)) {
      sim.reset(2);
      Memory first = sim.memory("u_fifo0.storage");
      Memory second = sim.memory("u_fifo1.storage");
      first.write(0, new long[] {1, 2, 3, 4});
      second.write(0, new long[] {0xF1, 0xF2, 0xF3, 0xF4});

      // One push into the second FIFO only lands in its storage[0].
      sim.port("in_valid1").set(1);
      sim.port("in_data").set(0x5A);
      sim.step();
      long[] firstWords = new long[4];
      long[] secondWords = new long[4];
      first.read(0, firstWords);
      second.read(0, secondWords);
      assertArrayEquals(new long[] {1, 2, 3, 4}, firstWords);
      assertArrayEquals(new long[] {0x5A, 0xF2, 0xF3, 0xF4}, secondWords);
    }
  }

  /** Two instances of one 8 x 4 FIFO module, sharing the write data. */
  private static Module fifoPair() {
    Module fifo = Fifo.build(new Fifo.Config(8, 4));
    ModuleBuilder b = new ModuleBuilder("fifo_pair", MemoryTransferTest.class);
    b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
    Signal inData = b.input("in_data", Type.unsigned(8));
    for (int i = 0; i < 2; i++) {
      Signal inValid = b.input("in_valid" + i, Type.BIT);
      Signal outReady = b.input("out_ready" + i, Type.BIT);
      var outData = b.output("out_data" + i, Type.unsigned(8));
      var result = b.wire("data_" + i, Type.unsigned(8));
      b.instance("u_fifo" + i, fifo)
          .connect("clk", b.clock())
          .connect("rst", b.reset())
          .connect("in_valid", inValid)
          .connect("in_data", inData)
          .connect("out_ready", outReady)
          .connect("out_data", result);
      outData.assign(result);
    }
    return b.build();
  }
}
