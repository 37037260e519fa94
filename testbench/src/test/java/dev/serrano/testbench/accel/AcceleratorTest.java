package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.accel.Accelerator;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.trace.TracesOnFailure;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated accelerator driven through its registers only (native AXI4-Lite master) with data
 * in the native AXI4 memory model: configuration readback, one-tile GEMMs bit-exact against direct
 * int32 arithmetic with the performance counters checked against the workload, DMA errors and
 * unknown opcodes reported in the event flags (with the interrupt) and never a hang.
 */
class AcceleratorTest {
  /** A small non-square configuration: 3 x 5 array, 64-bit bus, small memories (fast to build). */
  static final Map<String, String> SMALL = Map.of("rows", "3", "cols", "5", "spBanks", "2", "spRows", "64",
      "accBanks", "2", "accRows", "32", "dataWidth", "64", "maxBurst", "16", "outstanding", "4", "queueDepth", "4");
  static final long A = 0x1000;
  static final long B = 0x2000;
  static final long C = 0x3000;

  @TempDir
  Path folder;

  /** With -Dserrano.traces=DIR, a failing test's simulations are saved as replayable traces. */
  @RegisterExtension
  final TracesOnFailure traces = new TracesOnFailure();

  private static long seed() {
    return Long.getLong("accelerator.seed", System.nanoTime());
  }

  /**
   * A second shape: taller than wide (R > C, so weight tiles load tile by tile, not grouped), a
   * 32-bit bus, four scratchpad banks and an asynchronous active-low reset.
   */
  private static final Map<String, String> TALL = Map.of("rows", "8", "cols", "4", "spBanks", "4", "spRows", "32",
      "accBanks", "2", "accRows", "32", "dataWidth", "32", "maxBurst", "8", "outstanding", "2", "reset", "async_low");

  private Simulation start() {
    return start(SMALL);
  }

  private Simulation start(Map<String, String> parameters) {
    Simulation sim = traces.record(Simulation.start(GeneratedDesigns.generate(folder, "accelerator", parameters)));
    sim.axi("m_axi").memory(0, 0x10000);
    sim.reset(4);
    return sim;
  }

  @Test
  void theHardwareDescribesItself() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      assertEquals(new AcceleratorShape(3, 5, 2, 64, 2, 32, 8), driver.shape());
      assertEquals(4, driver.queueDepth());
      assertEquals(8, driver.maxTokens());
      assertEquals(Accelerator.VERSION, driver.host().read("id") & 0xffff);
      assertEquals(0, driver.host().read("status") & 1, "idle after reset");
    }
  }

  @Test
  void oneTileGemmsAreExactAndTheCountersMatchTheWork() {
    long seed = seed();
    System.out.println("AcceleratorTest one tile seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      // A slow memory, so the COMPUTE (written a few cycles after the LOADs) must wait for their token.
      driver.memory().readLatency(60);
      // Full tile, partial tile, and one row.
      int[][] shapes = {{7, shape.arrayRows(), shape.arrayCols()}, {4, 2, 3}, {1, 1, 1}};
      for (int[] mkn : shapes) {
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        byte[] a = randomBytes(random, m * k);
        byte[] b = randomBytes(random, k * n);
        driver.memory().write(A, a);
        driver.memory().write(B, b);
        driver.memory().fill(C, 4 * m * n + 64, (byte) 0x5a);
        AcceleratorDriver.Run run = driver.run(oneTile(shape, m, k, n), 100_000);
        int[] expected = gemm(a, b, m, k, n);
        assertArrayEquals(expected, int32s(driver.memory().read(C, 4 * m * n)), "C of " + m + "x" + k + "x" + n);
        assertArrayEquals(randomFill(64), driver.memory().read(C + 4L * m * n, 64), "bytes after C untouched");
        assertEquals((long) m * shape.arrayRows() * shape.arrayCols(), run.counter("mac_slots"), "MAC slots");
        assertEquals(4L * m * n, run.counter("dma_write_bytes"), "bytes written");
        assertTrue(run.counter("dma_read_bytes") >= (long) m * k + (long) k * n, "bytes read");
        assertTrue(run.counter("busy_cycles") > 0 && run.counter("busy_cycles") <= run.counter("cycles"));
        assertTrue(run.counter("stall_compute_tokens") > 0, "the COMPUTE waited for the LOAD's token");
        assertTrue(run.counter("stall_axi_read") >= 60, "the load engine waited for the slow memory");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3 x 5, 64-bit bus", "8 x 4, 32-bit bus"})
  void tiledGemmsOfManyShapesAreExactUnderRandomStalls(String configuration) {
    long seed = seed();
    System.out.println("AcceleratorTest tiled " + configuration + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = start(configuration.startsWith("3") ? SMALL : TALL)) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      driver.memory().seed(seed).stallAll(0.2);
      // Shapes below, at and above the array and the memories (scratchpad 128 rows, accumulator 64 rows).
      int[][] shapes = {{1, 1, 1}, {3, 5, 3}, {9, 7, 4}, {70, 11, 13}, {5, 40, 2}, {33, 3, 17},
          {random.nextInt(80) + 1, random.nextInt(30) + 1, random.nextInt(30) + 1}};
      for (int[] mnk : shapes) {
        Operands operands = Operands.place(driver, random, mnk[0], mnk[1], mnk[2], null);
        GemmProgram program = GemmTiler.tile(shape, operands.spec, driver.maxTokens());
        AcceleratorDriver.Run run = driver.runSteps(program.steps(), 2_000_000);
        operands.assertResult(driver, program, run, "host program, seed " + seed);
      }
    }
  }

  /**
   * The same through the GEMM sequencer, one command per GEMM: int32 and int8 C (per-tensor
   * requantisation, and per-channel where N <= C), shapes beyond the scratchpad and accumulator,
   * under random AXI stalls; results against direct loops and the TFLite reference, MAC slots and
   * stored bytes against the tiler's figures.
   */
  @Test
  void gemmsThroughTheSequencerAreExactUnderRandomStalls() {
    long seed = seed();
    System.out.println("AcceleratorTest sequencer seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      driver.memory().seed(seed).stallAll(0.2);
      int[][] shapes = {{1, 1, 1}, {9, 7, 4}, {70, 11, 13}, {5, 40, 2}, {33, 3, 17},
          {random.nextInt(80) + 1, random.nextInt(30) + 1, random.nextInt(30) + 1}};
      for (int[] mnk : shapes) {
        for (boolean int8 : new boolean[] {false, true}) {
          int n = mnk[1];
          Requantization output = !int8 ? null : n <= shape.arrayCols() && random.nextBoolean()
              ? Requantization.random(n, -13, -9, random) : Requantization.randomPerTensor(n, -13, -9, random);
          Operands operands = Operands.place(driver, random, mnk[0], n, mnk[2], output);
          AcceleratorDriver.Run run = driver.gemm(operands.spec, 2_000_000);
          operands.assertResult(driver, GemmTiler.tile(shape, operands.spec, driver.maxTokens()), run,
              "GEMM sequencer, seed " + seed);
        }
      }
    }
  }

  @Test
  void perChannelParametersAcrossColumnTilesAreRefusedByTheSequencerDriver() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      int cols = driver.shape().arrayCols();
      Requantization perChannel = Requantization.random(cols + 1, -13, -9, new Random(5));
      GemmSpec spec = new GemmSpec(2, cols + 1, 2, A, 2, B, cols + 1, C, cols + 1, perChannel);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver.gemm(spec, 1000));
      assertTrue(e.getMessage().startsWith("output must give channel " + cols + " the bias, multiplier and shift of"
          + " channel 0"), e.getMessage());
    }
  }

  /** Random A and B at A and B with random row padding, C's rows filled with a marker, and the spec. */
  private record Operands(GemmSpec spec, byte[] a, byte[] b) {
    static Operands place(AcceleratorDriver driver, Random random, int m, int n, int k, Requantization output) {
      byte[] a = randomBytes(random, m * k);
      byte[] b = randomBytes(random, k * n);
      int elementBytes = output == null ? 4 : 1;
      long lda = k + random.nextInt(3);
      long ldb = n + random.nextInt(3);
      long ldc = (long) elementBytes * n + elementBytes * random.nextInt(2);
      for (int i = 0; i < m; i++) {
        driver.memory().write(A + i * lda, java.util.Arrays.copyOfRange(a, i * k, (i + 1) * k));
      }
      for (int i = 0; i < k; i++) {
        driver.memory().write(B + i * ldb, java.util.Arrays.copyOfRange(b, i * n, (i + 1) * n));
      }
      driver.memory().fill(C, (int) (m * ldc) + 64, (byte) 0x5a);
      return new Operands(new GemmSpec(m, n, k, A, lda, B, ldb, C, ldc, output), a, b);
    }

    /** C against direct loops (and the TFLite output stage), the bytes after it, and the counters. */
    void assertResult(AcceleratorDriver driver, GemmProgram program, AcceleratorDriver.Run run, String how) {
      int m = spec.m();
      int n = spec.n();
      int[] acc = gemm(a, b, m, spec.k(), n);
      String what = m + "x" + n + "x" + spec.k() + (spec.output() == null ? " int32" : " int8") + " (" + how + ")";
      for (int i = 0; i < m; i++) {
        int[] expected = java.util.Arrays.copyOfRange(acc, i * n, (i + 1) * n);
        int[] actual;
        if (spec.output() == null) {
          actual = int32s(driver.memory().read(C + i * spec.ldc(), 4 * n));
        } else {
          for (int j = 0; j < n; j++) {
            expected[j] = spec.output().apply(expected[j], j);
          }
          byte[] bytes = driver.memory().read(C + i * spec.ldc(), n);
          actual = new int[n];
          for (int j = 0; j < n; j++) {
            actual[j] = bytes[j];
          }
        }
        assertArrayEquals(expected, actual, "row " + i + " of C, " + what);
      }
      assertArrayEquals(randomFill(64), driver.memory().read(C + m * spec.ldc(), 64), "bytes after C, " + what);
      assertEquals(program.expectedTraffic().macSlots(), run.counter("mac_slots"), "MAC slots, " + what);
      assertEquals(program.expectedTraffic().storeBytes(), run.counter("dma_write_bytes"), "bytes stored, " + what);
    }
  }

  @Test
  void quantisedLayersAreExactThroughThePostProcessedStores() {
    long seed = seed();
    System.out.println("AcceleratorTest layers seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      driver.memory().seed(seed).stallAll(0.1);
      for (int trial = 0; trial < 3; trial++) {
        // Fully connected, per-channel requantisation, bias with the input zero point folded in.
        int batch = 1 + random.nextInt(4);
        int inputs = 1 + random.nextInt(24);
        int outputs = 1 + random.nextInt(12);
        FullyConnectedLayer fc = new FullyConnectedLayer(inputs, outputs, random.nextInt(256) - 128,
            SampleLayers.symmetricWeights(inputs * outputs, random),
            Requantization.random(outputs, -13, -9, random));
        byte[] x = randomBytes(random, batch * inputs);
        assertArrayEquals(LayerReference.fullyConnected(fc, x, batch),
            runLayer(driver, LayerLowering.fullyConnected(fc, x, batch)), "fully connected, seed " + seed);
        // A convolution with stride and padding, lowered by im2col on the host.
        int stride = 1 + random.nextInt(2);
        Conv2dGeometry g = random.nextBoolean()
            ? Conv2dGeometry.same(5 + random.nextInt(3), 4 + random.nextInt(3), 2, 3 + random.nextInt(6), 3, 3, stride)
            : Conv2dGeometry.padded(6, 5, 3, 4, 3, 3, stride, 1);
        Conv2dLayer conv = new Conv2dLayer(g, random.nextInt(256) - 128,
            SampleLayers.symmetricWeights(g.outChannels() * g.filterSize(), random),
            Requantization.random(g.outChannels(), -13, -9, random));
        byte[] image = randomBytes(random, g.inHeight() * g.inWidth() * g.inChannels());
        assertArrayEquals(LayerReference.conv2d(conv, image), runLayer(driver, LayerLowering.conv2d(conv, image)),
            "conv2d " + g + ", seed " + seed);
      }
    }
  }

  /** A lowered layer's GEMM through the tiler on the accelerator; returns its int8 output, row-major. */
  private static byte[] runLayer(AcceleratorDriver driver, LoweredLayer layer) {
    driver.memory().write(A, layer.a());
    long bAddress = A + layer.a().length + 64;
    driver.memory().write(bAddress, layer.b());
    long cAddress = bAddress + layer.b().length + 64;
    GemmSpec spec = new GemmSpec(layer.m(), layer.n(), layer.k(), A, layer.k(), bAddress, layer.n(), cAddress,
        layer.n(), layer.output());
    driver.runSteps(GemmTiler.tile(driver.shape(), spec, driver.maxTokens()).steps(), 2_000_000);
    return driver.memory().read(cAddress, layer.m() * layer.n());
  }


  @Test
  void aFailingLoadIsReportedWithItsAddressAndTheInterrupt() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      driver.memory().addErrorRange(A, A + 0xff, AxiResponse.SLVERR, true, false);
      driver.host().write("irq_enable", driver.eventMask("load_error"));
      assertEquals(0, sim.port("irq").get());
      driver.run(oneTile(shape, 4, 2, 3), 100_000);
      long events = driver.events();
      assertTrue((events & driver.eventMask("load_error")) != 0, "load_error flag, events 0x" + Long.toHexString(events));
      assertEquals(0, events & driver.eventMask("store_error"));
      assertEquals(A, driver.host().read("load_error_addr"));
      assertEquals(AxiResponse.SLVERR.code(), driver.host().read("error_resp") & 3);
      assertEquals(1, sim.port("irq").get(), "interrupt on the enabled flag");
      driver.clearEvents(driver.eventMask("load_error"));
      sim.step(2);
      assertEquals(0, sim.port("irq").get(), "cleared");
      // The accelerator goes on: the next program runs normally.
      driver.memory().clearErrorRanges();
      byte[] a = {1, 2, 3, 4, 5, 6, 7, 8};
      byte[] b = {1, 0, 0, 0, 1, 0};
      driver.memory().write(A, a);
      driver.memory().write(B, b);
      driver.run(oneTile(shape, 4, 2, 3), 100_000);
      assertArrayEquals(gemm(a, b, 4, 2, 3), int32s(driver.memory().read(C, 4 * 4 * 3)));
    }
  }

  @Test
  void anUnknownOpcodeIsFlaggedAndDropped() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      driver.run(List.of(CommandFormat.encode(7, Map.of()), CommandFormat.encode(Opcode.FENCE.code, Map.of())), 10_000);
      assertTrue((driver.events() & driver.eventMask("opcode_error")) != 0);
      assertEquals(1, (driver.host().read("status") >> 4) & 1, "status.error_opcode");
    }
  }

  /** B (k x n) into scratchpad bank 0, A (m x k) into bank 1, one COMPUTE, C as int32, a FENCE. */
  static List<BigInteger> oneTile(AcceleratorShape shape, int m, int k, int n) {
    long bankOne = shape.spRowsPerBank();
    return List.of(
        CommandFormat.encode(Opcode.LOAD.code, Map.of("target", 0L, "row_bytes", (long) n, "rows", (long) k,
            "local", 0L, "addr", B, "stride", (long) n)),
        CommandFormat.encode(Opcode.LOAD.code, Map.of("target", 0L, "row_bytes", (long) k, "rows", (long) m,
            "local", bankOne, "addr", A, "stride", (long) k, "push_next", 1L)),
        CommandFormat.encode(Opcode.COMPUTE.code, Map.of("preload", 1L, "w_addr", 0L, "a_addr", bankOne,
            "compute_rows", (long) m, "c_addr", 0L, "pop_prev", 1L, "push_next", 1L)),
        CommandFormat.encode(Opcode.STORE.code, Map.of("target", 1L, "row_bytes", 4L * n, "rows", (long) m,
            "local", 0L, "addr", C, "stride", 4L * n, "pop_prev", 1L)),
        CommandFormat.encode(Opcode.FENCE.code, Map.of()));
  }

  static int[] gemm(byte[] a, byte[] b, int m, int k, int n) {
    int[] c = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int sum = 0;
        for (int x = 0; x < k; x++) {
          sum += a[i * k + x] * b[x * n + j];
        }
        c[i * n + j] = sum;
      }
    }
    return c;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] randomFill(int length) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) 0x5a);
    return bytes;
  }

  static int[] int32s(byte[] bytes) {
    int[] values = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    return values;
  }
}
