package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.accel.ExecuteUnit;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.lib.array.Dataflow;
import dev.serrano.hdl.lib.memory.BankedMemory;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.sim.Memory;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The execute unit between a real scratchpad and accumulator: a GEMM tiled by the test as a
 * sequencer would (one command per K-fold and column tile, accumulate after the first fold), with
 * operands placed in the scratchpad in bulk, results read from the accumulator in bulk and
 * compared with exact int32 wrap-around arithmetic.
 */
class ExecuteUnitTest {
  private static final int SP_ROWS = 64;
  private static final int ACC_ROWS = 128;

  @TempDir
  Path folder;

  @ParameterizedTest(name = "{0} x {1} array, GEMM {2} x {3} x {4}")
  @CsvSource({
      "4, 4, 10, 9, 7",
      "3, 5, 12, 7, 11",
      "4, 4, 40, 4, 4",
      "1, 1, 6, 3, 2",
      "2, 3, 9, 5, 4",
      "4, 4, 60, 4, 16",
  })
  void tiledGemmIsExact(int rows, int cols, int m, int k, int n) {
    ArrayConfig array = new ArrayConfig(rows, cols, ElementType.INT8, ElementType.INT8, 32, false, Dataflow.WS, 1, 1,
        ResetStyle.SYNC_ACTIVE_HIGH);
    int rowBits = 8 * Math.max(rows, cols);
    BankedMemory.Config sp = BankedMemory.Config.scratchpad(2, SP_ROWS, rowBits, 2, 1, ResetStyle.SYNC_ACTIVE_HIGH);
    BankedMemory.Config acc = BankedMemory.Config.accumulator(2, ACC_ROWS, new BankedMemory.Lanes(cols, 32, false),
        1, 1, ResetStyle.SYNC_ACTIVE_HIGH);
    ExecuteUnit.Config config = new ExecuteUnit.Config(array, sp.addressBits(), rowBits, acc.addressBits());
    long seed = System.nanoTime();
    System.out.println("ExecuteUnitTest " + config.moduleName() + " seed=" + seed);
    Random random = new Random(seed);
    long[][] a = new long[m][k];
    long[][] b = new long[k][n];
    for (long[] row : a) {
      for (int i = 0; i < k; i++) {
        row[i] = random.nextInt(256) - 128;
      }
    }
    for (long[] row : b) {
      for (int i = 0; i < n; i++) {
        row[i] = random.nextInt(256) - 128;
      }
    }
    int kTiles = (k + rows - 1) / rows;
    int nTiles = (n + cols - 1) / cols;
    BigInteger[] spRows = new BigInteger[2 * SP_ROWS];
    java.util.Arrays.fill(spRows, BigInteger.ZERO);
    // Inputs in bank 0: K-fold t of row i at row t * m + i; weights in bank 1, so the two read
    // clients never wait for each other (a sequencer places them so).
    int weightBase = SP_ROWS;
    assertTrue(kTiles * m <= SP_ROWS, "inputs fit bank 0");
    for (int t = 0; t < kTiles; t++) {
      for (int i = 0; i < m; i++) {
        long[] elements = new long[rows];
        for (int r = 0; r < rows && t * rows + r < k; r++) {
          elements[r] = a[i][t * rows + r];
        }
        spRows[t * m + i] = pack(elements, 8);
      }
      for (int j = 0; j < nTiles; j++) {
        for (int r = 0; r < rows; r++) {
          long[] elements = new long[cols];
          for (int c = 0; c < cols && j * cols + c < n && t * rows + r < k; c++) {
            elements[c] = b[t * rows + r][j * cols + c];
          }
          spRows[weightBase + (t * nTiles + j) * rows + r] = pack(elements, 8);
        }
      }
    }
    assertTrue(weightBase + kTiles * nTiles * rows <= 2 * SP_ROWS, "operands fit the scratchpad");
    assertTrue(nTiles * m <= 2 * ACC_ROWS, "results fit the accumulator");

    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, harness(config, sp, acc)))) {
      sim.reset(4);
      writeBanks(sim, "u_scratchpad", spRows, SP_ROWS, rowBits);
      long start = sim.cycle();
      for (int j = 0; j < nTiles; j++) {
        for (int t = 0; t < kTiles; t++) {
          submit(sim, true, weightBase + (t * nTiles + j) * rows, t * m, m, j * m, t > 0);
        }
      }
      sim.runUntil(sim.port("idle").is(1), 100_000);
      long cycles = sim.cycle() - start;
      // idle means every result went to the accumulator; its write lands one edge after the grant.
      sim.step(2);
      BigInteger[] results = readBanks(sim, "u_accumulator", 2 * ACC_ROWS, ACC_ROWS, 32 * cols);
      for (int j = 0; j < nTiles; j++) {
        for (int i = 0; i < m; i++) {
          for (int c = 0; c < cols && j * cols + c < n; c++) {
            long expected = 0;
            for (int x = 0; x < k; x++) {
              expected += a[i][x] * b[x][j * cols + c];
            }
            int actual = results[j * m + i].shiftRight(32 * c).intValue();
            assertEquals((int) expected, actual, "C[" + i + "][" + (j * cols + c) + "] (seed " + seed + ")");
          }
        }
      }
      // Each command streams its m rows; tiles load under the previous command's rows, so long
      // commands move a row per cycle and only the array's fill and drain are extra.
      int commands = kTiles * nTiles;
      System.out.printf("%d commands of %d rows: %d cycles%n", commands, m, cycles);
      long bound = m >= 40 ? (long) commands * m + 2L * (rows + cols) + 20
          : (long) commands * (m + rows + 4) + (rows + cols) + 20;
      assertTrue(cycles <= bound, cycles + " cycles, bound " + bound);
    }
  }

  private static void submit(Simulation sim, boolean preload, int wAddr, int aAddr, int rowCount, int cAddr,
      boolean accumulate) {
    sim.port("cmd_preload").set(preload ? 1 : 0);
    sim.port("cmd_w_addr").set(wAddr);
    sim.port("cmd_a_addr").set(aAddr);
    sim.port("cmd_rows").set(rowCount);
    sim.port("cmd_c_addr").set(cAddr);
    sim.port("cmd_accumulate").set(accumulate ? 1 : 0);
    sim.port("cmd_valid").set(1);
    sim.runUntil(sim.port("cmd_ready").is(1), 100_000);
    sim.step();
    sim.port("cmd_valid").set(0);
  }

  /** The execute unit wired to a scratchpad and an accumulator; the tests fill and read those in bulk. */
  private static Module harness(ExecuteUnit.Config config, BankedMemory.Config sp, BankedMemory.Config acc) {
    Module execute = ExecuteUnit.build(config);
    Module scratchpad = BankedMemory.build(sp);
    Module accumulator = BankedMemory.build(acc);
    ModuleBuilder b = new ModuleBuilder("execute_harness", ExecuteUnitTest.class);
    b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
    InstanceBuilder u = b.instance("u_execute", execute).connect("clk", b.clock()).connect("rst", b.reset());
    InstanceBuilder s = b.instance("u_scratchpad", scratchpad).connect("clk", b.clock()).connect("rst", b.reset());
    InstanceBuilder c = b.instance("u_accumulator", accumulator).connect("clk", b.clock()).connect("rst", b.reset());
    for (Port port : execute.ports()) {
      if (port.group().equals("commands")) {
        u.connect(port.name(), port.direction() == Direction.INPUT ? b.input(port.name(), port.type())
            : b.output(port.name(), port.type()));
      }
    }
    link(b, u, execute, "sp_w_", s, scratchpad, "rd0_");
    link(b, u, execute, "sp_a_", s, scratchpad, "rd1_");
    link(b, u, execute, "acc_", c, accumulator, "wr0_");
    s.connect("wr0_valid", Bits.constant(0, 1)).connect("wr0_addr", Bits.constant(0, sp.addressBits()))
        .connect("wr0_data", Bits.constant(0, sp.rowWidth()));
    c.connect("rd0_valid", Bits.constant(0, 1)).connect("rd0_addr", Bits.constant(0, acc.addressBits()));
    return b.build();
  }

  private static void link(ModuleBuilder b, InstanceBuilder from, Module fromModule, String fromPrefix,
      InstanceBuilder to, Module toModule, String toPrefix) {
    for (Port port : fromModule.ports()) {
      if (!port.name().startsWith(fromPrefix)) {
        continue;
      }
      String signal = port.name().substring(fromPrefix.length());
      Net wire = b.wire(port.name(), port.type());
      from.connect(port.name(), wire);
      to.connect(toPrefix + signal, wire);
      assertTrue(toModule.port(toPrefix + signal).isPresent(), toPrefix + signal);
    }
  }

  private static BigInteger pack(long[] elements, int width) {
    BigInteger word = BigInteger.ZERO;
    BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
    for (int e = elements.length - 1; e >= 0; e--) {
      word = word.shiftLeft(width).or(BigInteger.valueOf(elements[e]).and(mask));
    }
    return word;
  }

  private static void writeBanks(Simulation sim, String memory, BigInteger[] rows, int perBank, int width) {
    int chunks = (width + 31) / 32;
    for (int bank = 0; bank < rows.length / perBank; bank++) {
      int[] words = new int[perBank * chunks];
      for (int r = 0; r < perBank; r++) {
        for (int c = 0; c < chunks; c++) {
          words[r * chunks + c] = rows[bank * perBank + r].shiftRight(32 * c).intValue();
        }
      }
      bank(sim, memory, bank).writeChunks(0, words);
    }
  }

  private static BigInteger[] readBanks(Simulation sim, String memory, int total, int perBank, int width) {
    int chunks = (width + 31) / 32;
    BigInteger[] rows = new BigInteger[total];
    for (int bank = 0; bank < total / perBank; bank++) {
      int[] words = new int[perBank * chunks];
      bank(sim, memory, bank).readChunks(0, words);
      for (int r = 0; r < perBank; r++) {
        BigInteger row = BigInteger.ZERO;
        for (int c = chunks - 1; c >= 0; c--) {
          row = row.shiftLeft(32).or(BigInteger.valueOf(words[r * chunks + c] & 0xFFFFFFFFL));
        }
        rows[bank * perBank + r] = row;
      }
    }
    return rows;
  }

  private static Memory bank(Simulation sim, String memory, int bank) {
    return sim.memory(memory + ".u_bank" + bank + ".storage");
  }
}
