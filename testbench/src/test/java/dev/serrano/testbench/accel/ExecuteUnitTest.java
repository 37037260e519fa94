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
import dev.serrano.hdl.ir.Type;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The execute unit between a real scratchpad and accumulator: a GEMM tiled by the test as a
 * sequencer would (one command per K-fold and column tile, accumulate after the first fold), with
 * operands placed in the scratchpad in bulk, results read from the accumulator in bulk and
 * compared with exact int32 wrap-around arithmetic. Every cycle the test also checks the
 * {@code done} pulses: one per command, in order, in the cycle after its last accumulator write (a
 * command without rows: once every earlier row is written), never before its weight reads. Seeds
 * are logged; replay one with {@code -Dexecute.seed=<seed>}.
 */
class ExecuteUnitTest {
  private static final int SP_ROWS = 256;
  private static final int ACC_ROWS = 128;

  @TempDir
  Path folder;

  /** One command of the execute unit. */
  record Command(boolean preload, int wAddr, int aAddr, int rows, int cAddr, boolean accumulate) {}

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
    long seed = seed();
    System.out.println("ExecuteUnitTest " + rows + "x" + cols + " seed=" + seed);
    Random random = new Random(seed);
    Gemm gemm = new Gemm(rows, cols, m, k, n, random);
    List<Command> program = new ArrayList<>();
    for (Command c : gemm.commands()) {
      // Commands without rows between the others: each still gets its done, in its place.
      if (random.nextInt(3) == 0) {
        program.add(new Command(false, 0, 0, 0, 0, false));
      }
      program.add(c);
    }
    // A last tile loaded for nobody: its done must wait for its weight reads.
    program.add(new Command(true, gemm.weightBase, 0, 0, 0, false));
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, gemm.harness()))) {
      sim.reset(4);
      gemm.place(sim);
      long cycles = execute(sim, program, rows, false, seed);
      gemm.check(sim, seed);
      // Each command streams its m rows; tiles load under the previous command's rows, so long
      // commands move a row per cycle and only the array's fill and drain are extra. A command
      // without rows waits for every earlier row to be written: a drain each.
      int commands = gemm.commands().size();
      int withoutRows = program.size() - commands;
      System.out.printf("%d commands of %d rows (and %d without): %d cycles%n", commands, m, withoutRows, cycles);
      long bound = (m >= 40 ? (long) commands * m + 2L * (rows + cols) + 20
          : (long) commands * (m + rows + 4) + (rows + cols) + 20) + withoutRows * (rows + cols + 8L);
      assertTrue(cycles <= bound, cycles + " cycles, bound " + bound + " (seed " + seed + ")");
    }
  }

  /**
   * Eight K-fold commands of 64 rows on a 4 x 4 array, each one's completion awaited as a
   * controller does for a command that pushes a token: before per-command done, the next was issued
   * only once the unit was idle again, so the array drained after every fold; with done it streams.
   */
  @Test
  void commandsStreamWhenEachOneIsAwaitedByItsDone() {
    long seed = seed();
    System.out.println("ExecuteUnitTest streaming seed=" + seed);
    Gemm gemm = new Gemm(4, 4, 64, 16, 8, new Random(seed));
    assertEquals(8, gemm.commands().size());
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, gemm.harness()))) {
      sim.reset(4);
      gemm.place(sim);
      long drained = execute(sim, gemm.commands(), 4, true, seed);
      gemm.check(sim, seed);
      long streamed = execute(sim, gemm.commands(), 4, false, seed);
      gemm.check(sim, seed);
      System.out.printf("8 commands of 64 rows, 4 x 4: %d cycles issued after idle, %d issued back to back%n",
          drained, streamed);
      assertTrue(streamed <= 8 * 64 + 2 * (4 + 4) + 20, streamed + " cycles streamed (seed " + seed + ")");
      assertTrue(drained >= streamed + 7 * (4 + 4), "draining after each command costs the array's latency");
    }
  }

  private static long seed() {
    String s = System.getProperty("execute.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  /**
   * Runs {@code program} cycle by cycle and returns the cycles from the first offer to the last
   * done. With {@code awaitIdle} a command is offered only after the unit was idle again, one cycle
   * later, as the controller issued a COMPUTE that pushes a token before per-command done.
   */
  private static long execute(Simulation sim, List<Command> program, int arrayRows, boolean awaitIdle, long seed) {
    long[] rowsUpTo = new long[program.size()];
    long[] weightReadsUpTo = new long[program.size()];
    for (int i = 0; i < program.size(); i++) {
      rowsUpTo[i] = (i > 0 ? rowsUpTo[i - 1] : 0) + program.get(i).rows();
      weightReadsUpTo[i] = (i > 0 ? weightReadsUpTo[i - 1] : 0) + (program.get(i).preload() ? arrayRows : 0);
    }
    long start = sim.cycle();
    long lastDone = start;
    long offerFrom = start;
    boolean waitingForIdle = false;
    int next = 0;
    int dones = 0;
    long rowsWritten = 0;
    boolean rowWritten = false;
    long weightReads = 0;
    while (dones < program.size()) {
      long now = sim.cycle();
      assertTrue(now - start < 100_000, "only " + dones + " of " + program.size() + " done (seed " + seed + ")");
      boolean offering = next < program.size() && !waitingForIdle && now >= offerFrom;
      if (offering) {
        Command c = program.get(next);
        sim.port("cmd_preload").set(c.preload() ? 1 : 0);
        sim.port("cmd_w_addr").set(c.wAddr());
        sim.port("cmd_a_addr").set(c.aAddr());
        sim.port("cmd_rows").set(c.rows());
        sim.port("cmd_c_addr").set(c.cAddr());
        sim.port("cmd_accumulate").set(c.accumulate() ? 1 : 0);
      }
      sim.port("cmd_valid").set(offering ? 1 : 0);
      sim.eval();
      // rowsWritten and rowWritten still describe the cycles before this one.
      if (sim.port("done").get() == 1) {
        String which = "done " + dones + " at cycle " + now + " (seed " + seed + ")";
        assertEquals(rowsUpTo[dones], rowsWritten, which + ": result rows written by then");
        assertTrue(program.get(dones).rows() == 0 || rowWritten, which + ": not right after its last row");
        assertTrue(weightReads >= weightReadsUpTo[dones], which + ": before its weight reads");
        dones++;
        lastDone = now;
      }
      rowWritten = sim.port("result_write").get() == 1;
      rowsWritten += rowWritten ? 1 : 0;
      weightReads += sim.port("weight_read").get();
      if (waitingForIdle && sim.port("idle").get() == 1) {
        waitingForIdle = false;
        offerFrom = now + 1;
      }
      if (offering && sim.port("cmd_ready").get() == 1) {
        next++;
        waitingForIdle = awaitIdle;
      }
      sim.step();
    }
    sim.port("cmd_valid").set(0);
    // idle means every result went to the accumulator; its write lands one edge after the grant.
    sim.runUntil(sim.port("idle").is(1), 1_000);
    for (int i = 0; i < 4; i++) {
      sim.step();
      assertEquals(0, sim.port("done").get(), "a done pulse after the last command's (seed " + seed + ")");
    }
    return lastDone - start + 1;
  }

  /** A GEMM C = A B tiled for the array, its operands in the scratchpad and its commands. */
  private static final class Gemm {
    final int rows;
    final int cols;
    final int m;
    final int k;
    final int n;
    final long[][] a;
    final long[][] b;
    final int kTiles;
    final int nTiles;
    /** Inputs in bank 0: K-fold t of row i at row t * m + i; weights in bank 1, so the two read
     * clients never wait for each other (a sequencer places them so). */
    final int weightBase = SP_ROWS;
    final int rowBits;
    final BankedMemory.Config sp;
    final BankedMemory.Config acc;
    final ExecuteUnit.Config config;

    Gemm(int rows, int cols, int m, int k, int n, Random random) {
      this.rows = rows;
      this.cols = cols;
      this.m = m;
      this.k = k;
      this.n = n;
      a = randomInt8(m, k, random);
      b = randomInt8(k, n, random);
      kTiles = (k + rows - 1) / rows;
      nTiles = (n + cols - 1) / cols;
      ArrayConfig array = new ArrayConfig(rows, cols, ElementType.INT8, ElementType.INT8, 32, false, Dataflow.WS, 1,
          1, ResetStyle.SYNC_ACTIVE_HIGH);
      rowBits = 8 * Math.max(rows, cols);
      sp = BankedMemory.Config.scratchpad(2, SP_ROWS, rowBits, 2, 1, ResetStyle.SYNC_ACTIVE_HIGH);
      acc = BankedMemory.Config.accumulator(2, ACC_ROWS, new BankedMemory.Lanes(cols, 32, false), 1, 1,
          ResetStyle.SYNC_ACTIVE_HIGH);
      config = new ExecuteUnit.Config(array, sp.addressBits(), rowBits, acc.addressBits());
      assertTrue(kTiles * m <= SP_ROWS, "inputs fit bank 0");
      assertTrue(kTiles * nTiles * rows <= SP_ROWS, "weights fit bank 1");
      assertTrue(nTiles * m <= 2 * ACC_ROWS, "results fit the accumulator");
    }

    private static long[][] randomInt8(int height, int width, Random random) {
      long[][] matrix = new long[height][width];
      for (long[] row : matrix) {
        for (int i = 0; i < width; i++) {
          row[i] = random.nextInt(256) - 128;
        }
      }
      return matrix;
    }

    List<Command> commands() {
      List<Command> commands = new ArrayList<>();
      for (int j = 0; j < nTiles; j++) {
        for (int t = 0; t < kTiles; t++) {
          commands.add(new Command(true, weightBase + (t * nTiles + j) * rows, t * m, m, j * m, t > 0));
        }
      }
      return commands;
    }

    Module harness() {
      return ExecuteUnitTest.harness(config, sp, acc);
    }

    void place(Simulation sim) {
      BigInteger[] spRows = new BigInteger[2 * SP_ROWS];
      java.util.Arrays.fill(spRows, BigInteger.ZERO);
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
      writeBanks(sim, "u_scratchpad", spRows, SP_ROWS, rowBits);
    }

    void check(Simulation sim, long seed) {
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
    }
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
    Map<String, Net> weights = link(b, u, execute, "sp_w_", s, scratchpad, "rd0_");
    link(b, u, execute, "sp_a_", s, scratchpad, "rd1_");
    Map<String, Net> results = link(b, u, execute, "acc_", c, accumulator, "wr0_");
    // The handshakes the done checks count.
    b.output("weight_read", Type.BIT).assign(weights.get("sp_w_valid").and(weights.get("sp_w_ready")));
    b.output("result_write", Type.BIT).assign(results.get("acc_valid").and(results.get("acc_ready")));
    s.connect("wr0_valid", Bits.constant(0, 1)).connect("wr0_addr", Bits.constant(0, sp.addressBits()))
        .connect("wr0_data", Bits.constant(0, sp.rowWidth()));
    c.connect("rd0_valid", Bits.constant(0, 1)).connect("rd0_addr", Bits.constant(0, acc.addressBits()));
    return b.build();
  }

  /** Joins the ports of one client by name and returns the wires, by the execute unit's port names. */
  private static Map<String, Net> link(ModuleBuilder b, InstanceBuilder from, Module fromModule, String fromPrefix,
      InstanceBuilder to, Module toModule, String toPrefix) {
    Map<String, Net> wires = new HashMap<>();
    for (Port port : fromModule.ports()) {
      if (!port.name().startsWith(fromPrefix)) {
        continue;
      }
      String signal = port.name().substring(fromPrefix.length());
      Net wire = b.wire(port.name(), port.type());
      from.connect(port.name(), wire);
      to.connect(toPrefix + signal, wire);
      assertTrue(toModule.port(toPrefix + signal).isPresent(), toPrefix + signal);
      wires.put(port.name(), wire);
    }
    return wires;
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
