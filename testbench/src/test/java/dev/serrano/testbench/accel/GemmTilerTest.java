package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.testbench.accel.Command.Compute;
import dev.serrano.testbench.accel.Command.Transfer;
import dev.serrano.testbench.accel.CommandScheduler.Stage;
import dev.serrano.testbench.model.Requantize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GemmTiler programs run on the AcceleratorModel against a direct int32 loop: random GEMM shapes
 * (1 x 1 x 1, sizes that are not multiples of the array, more than the scratchpad and accumulator
 * hold) on 1 x 1, 4 x 4, 12 x 20 and 16 x 16 arrays with random small memories, random token
 * limits and queue depths, each run under a random schedule and checked under the three
 * starving schedules for deadlock, token limits and drained counters. Seeds are logged; replay
 * one with {@code -Dtiler.seed=<seed>}.
 */
class GemmTilerTest {

  static long seed() {
    String s = System.getProperty("tiler.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  /** A shape with the array given and memories small enough that most GEMMs need several blocks. */
  static AcceleratorShape smallMemories(int rows, int cols, Random random) {
    int spBanks = 1 + random.nextInt(4);
    int slotRows = rows + 1 + random.nextInt(3 * rows + 40);
    int spRowsPerBank = spBanks == 1 ? 2 * slotRows : slotRows;
    return new AcceleratorShape(rows, cols, spBanks, spRowsPerBank, 1 + random.nextInt(2), 1 + random.nextInt(48),
        16);
  }

  private static int[] referenceInt32(int m, int n, int k, byte[] a, byte[] b) {
    int[] c = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int x = 0; x < k; x++) {
          c[i * n + j] += a[i * k + x] * b[x * n + j];
        }
      }
    }
    return c;
  }

  private static byte[] randomBytes(int length, Random random) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** 1 now and then, otherwise up to about five array widths (the model's time grows with the cube). */
  static int dimension(AcceleratorShape shape, Random random) {
    int largest = 5 * Math.max(shape.arrayRows(), shape.arrayCols()) + 6;
    return random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(largest);
  }

  @ParameterizedTest(name = "{0} x {1} array")
  @CsvSource({"1, 1", "4, 4", "12, 20", "16, 16"})
  void randomGemmsMatchTheReference(int rows, int cols) {
    long seed = seed();
    System.out.println("GemmTilerTest int32 " + rows + "x" + cols + " seed=" + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 25; trial++) {
      AcceleratorShape shape = smallMemories(rows, cols, random);
      int m = trial == 0 ? 1 : dimension(shape, random);
      int n = trial == 0 ? 1 : dimension(shape, random);
      int k = trial == 0 ? 1 : dimension(shape, random);
      int maxTokens = 1 + random.nextInt(4);
      int queueDepth = 2 << random.nextInt(3);
      byte[] a = randomBytes(m * k, random);
      byte[] b = randomBytes(k * n, random);
      String context = "seed " + seed + " trial " + trial + " " + shape + " M=" + m + " N=" + n + " K=" + k
          + " maxTokens=" + maxTokens;
      GemmRun run = GemmRun.run(shape, maxTokens, queueDepth, m, n, k, a, b, null,
          CommandScheduler.random(random), random);
      GemmRun.assertSameMatrix(referenceInt32(m, n, k, a, b), run.c(), n, context);
      assertTokensDrainedUnderEverySchedule(run.program, maxTokens, queueDepth, context);
      assertEquals(run.program.expectedTraffic(), run.model.traffic(), context);
      assertTrafficFromFirstPrinciples(shape, m, n, k, 4, run.model.traffic(), context);
    }
  }

  @ParameterizedTest(name = "{0} x {1} array")
  @CsvSource({"1, 1", "4, 4", "12, 20", "16, 16"})
  void randomRequantizedGemmsMatchTheReference(int rows, int cols) {
    long seed = seed();
    System.out.println("GemmTilerTest int8 " + rows + "x" + cols + " seed=" + seed);
    Random random = new Random(seed);
    for (int trial = 0; trial < 25; trial++) {
      AcceleratorShape shape = smallMemories(rows, cols, random);
      int m = dimension(shape, random);
      int n = dimension(shape, random);
      int k = dimension(shape, random);
      int maxTokens = 1 + random.nextInt(4);
      byte[] a = randomBytes(m * k, random);
      byte[] b = randomBytes(k * n, random);
      Requantization output = Requantization.random(n, -11, -6, random);
      String context = "seed " + seed + " trial " + trial + " " + shape + " M=" + m + " N=" + n + " K=" + k;
      GemmRun run = GemmRun.run(shape, maxTokens, 4, m, n, k, a, b, output, CommandScheduler.random(random), random);
      int[] acc = referenceInt32(m, n, k, a, b);
      int[] expected = new int[m * n];
      for (int i = 0; i < m * n; i++) {
        int j = i % n;
        int v = Requantize.multiplyByQuantizedMultiplier(acc[i] + output.bias()[j], output.multiplier()[j],
            output.shift()[j]) + output.zeroPoint();
        expected[i] = Math.max(-128, Math.min(127, Math.min(Math.max(v, output.clampMin()), output.clampMax())));
      }
      GemmRun.assertSameMatrix(expected, run.c(), n, context);
      assertTokensDrainedUnderEverySchedule(run.program, maxTokens, 4, context);
      assertEquals(run.program.expectedTraffic(), run.model.traffic(), context);
      assertTrafficFromFirstPrinciples(shape, m, n, k, 1, run.model.traffic(), context);
    }
  }

  /**
   * The schedules that starve one stage let the tokens towards it pile up highest; none may
   * exceed maxTokens (the scheduler throws), deadlock, or leave a token behind.
   */
  static void assertTokensDrainedUnderEverySchedule(GemmProgram program, int maxTokens, int queueDepth,
      String context) {
    List<Command> commands = program.words().stream().map(Command::decode).toList();
    for (Stage starved : Stage.values()) {
      CommandScheduler.Result result = CommandScheduler.run(commands, maxTokens, queueDepth,
          CommandScheduler.starving(starved), index -> { });
      assertTrue(result.left().allZero(), context + ": tokens left with " + starved + " starved: " + result.left());
      assertTrue(result.peak().max() <= maxTokens, context + ": peak " + result.peak());
    }
  }

  /**
   * Bytes and rows that follow from the GEMM alone: every byte of C stored once, each A row and B
   * row loaded at least once, every row of A through the array once per K-fold and column tile.
   */
  private static void assertTrafficFromFirstPrinciples(AcceleratorShape shape, int m, int n, int k,
      int elementBytes, Traffic traffic, String context) {
    int folds = (k + shape.arrayRows() - 1) / shape.arrayRows();
    int tiles = (n + shape.arrayCols() - 1) / shape.arrayCols();
    assertEquals((long) m * n * elementBytes, traffic.storeBytes(), context);
    assertTrue(traffic.loadBytes() >= (long) m * k + (long) k * n, context);
    assertEquals((long) m * folds * tiles, traffic.computeRows(), context);
    assertEquals(traffic.computeRows() * shape.arrayRows() * shape.arrayCols(), traffic.macSlots(), context);
  }

  /**
   * The brief's configuration, worked by hand in GemmTiler's comment: blocks of 128 rows x 4 tiles,
   * 393,216 bytes loaded, 65,536 array cycles, 512 preloads, 96.7 % busy (int32 output).
   */
  @Test
  void defaultShapeKeepsTheArrayBusyOn256Cubed() {
    AcceleratorShape shape = AcceleratorShape.defaults();
    Random random = new Random(1);
    byte[] a = randomBytes(256 * 256, random);
    byte[] b = randomBytes(256 * 256, random);
    GemmRun run = GemmRun.run(shape, 8, 8, 256, 256, 256, a, b, null, CommandScheduler.random(random), random);
    assertEquals(new GemmTiling(128, 4, 4, 4096, 2, 512, true), run.program.tiling());
    assertEquals(new Traffic(393_216, 262_144, 65_536, 512, 65_536L * 256), run.model.traffic());
    assertEquals(65_536.0 / 67_776, run.program.expectedArrayBusy(), 1e-9);
    assertTrue(run.program.expectedArrayBusy() >= 0.95);
    GemmRun.assertSameMatrix(referenceInt32(256, 256, 256, a, b), run.c(), 256, "256 cubed");
    assertTokensDrainedUnderEverySchedule(run.program, 8, 8, "256 cubed");
  }

  /** Tokens keep the stages apart: without them, a LOAD running ahead overwrites a slot in use. */
  @Test
  void withoutTokensALoadRunningAheadCorruptsTheResult() {
    AcceleratorShape shape = new AcceleratorShape(4, 4, 2, 24, 2, 8, 16);
    Random random = new Random(2);
    int m = 8;
    int n = 8;
    int k = 16;
    byte[] a = randomBytes(m * k, random);
    byte[] b = randomBytes(k * n, random);
    GemmProgram program = GemmTiler.tile(shape, new GemmSpec(m, n, k, 0, k, 512, n, 1024, 4 * n, null), 4);
    List<ProgramStep> tokenless = program.steps().stream().map(step -> ProgramStep.of(withoutTokens(
        Command.decode(step.word())))).toList();
    byte[] memory = new byte[2048];
    System.arraycopy(a, 0, memory, 0, a.length);
    System.arraycopy(b, 0, memory, 512, b.length);
    new AcceleratorModel(shape, 4, 1024, memory).run(tokenless, CommandScheduler.starving(Stage.COMPUTE));
    int[] c = new int[m * n];
    for (int i = 0; i < m * n; i++) {
      int at = 1024 + 4 * i;
      c[i] = (memory[at] & 0xff) | (memory[at + 1] & 0xff) << 8 | (memory[at + 2] & 0xff) << 16 | memory[at + 3] << 24;
    }
    assertNotEquals(Arrays.toString(referenceInt32(m, n, k, a, b)), Arrays.toString(c));
  }

  private static Command withoutTokens(Command command) {
    if (command instanceof Transfer t) {
      return t.withTokens(Tokens.NONE);
    }
    if (command instanceof Compute c) {
      return new Compute(Tokens.NONE, c.preload(), c.accumulate(), c.rows(), c.weightRow(), c.weightGap(), c.inputRow(),
          c.resultRow());
    }
    return command;
  }

  @Test
  void aProgramMissingOnePushDeadlocks() {
    GemmProgram program = GemmTiler.tile(AcceleratorShape.defaults(),
        new GemmSpec(40, 40, 40, 0, 40, 4096, 40, 8192, 160, null), 4);
    List<Command> commands = program.words().stream().map(Command::decode).toList();
    int firstLoadPush = 0;
    while (!(commands.get(firstLoadPush) instanceof Transfer load && load.tokens().pushNext())) {
      firstLoadPush++;
    }
    List<Command> broken = new ArrayList<>(commands);
    broken.set(firstLoadPush, load.withTokens(load.tokens().withPushNext(false)));
    ProgramFault fault = assertThrows(ProgramFault.class, () -> CommandScheduler.run(broken, 4, 8,
        CommandScheduler.random(new Random(3)), index -> { }));
    assertTrue(fault.getMessage().startsWith("deadlock"), fault.getMessage());
    assertTrue(fault.getMessage().contains("COMPUTE head #"), fault.getMessage());
  }

  @Test
  void aPushBeyondMaxTokensIsAFault() {
    Tokens push = Tokens.NONE.withPushNext(true);
    List<Command> loads = Collections.nCopies(3, new Transfer(CommandFormat.Opcode.LOAD, push,
        Command.Target.SCRATCHPAD, 0, 0, 0, 0, 0));
    ProgramFault fault = assertThrows(ProgramFault.class, () -> CommandScheduler.run(loads, 2, 8,
        CommandScheduler.random(new Random(4)), index -> { }));
    assertTrue(fault.getMessage().contains("beyond maxTokens = 2"), fault.getMessage());
  }

  @Test
  void invalidArgumentsNameTheParameterAndRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GemmSpec(4, 4, 8, 0, 7, 100, 4, 200, 16, null));
    assertEquals("lda must be from 8 to 4294967295, got 7", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GemmTiler.tile(AcceleratorShape.defaults(),
        new GemmSpec(4, 4, 4, 0, 4, 100, 4, 200, 16, null), 0));
    assertEquals("maxTokens must be from 1 to 255, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GemmTiler.tile(new AcceleratorShape(16, 16, 1, 32, 2,
        64, 16), new GemmSpec(4, 4, 4, 0, 4, 100, 4, 200, 16, null), 4));
    assertTrue(e.getMessage().startsWith("spRowsPerBank must leave at least R + 1 = 17"), e.getMessage());
    // A given tiling must fit the memories and the token limit (default shape: 4 x 4096 rows, 2 x 512).
    GemmSpec small = new GemmSpec(4, 4, 4, 0, 4, 100, 4, 200, 16, null);
    e = assertThrows(IllegalArgumentException.class, () -> GemmTiler.tile(AcceleratorShape.defaults(), small, 4,
        new GemmTiling(4, 1, 5, 1024, 2, 256, false)));
    assertEquals("slots must be from 1 to 4, got 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GemmTiler.tile(AcceleratorShape.defaults(), small, 4,
        new GemmTiling(8, 2, 4, 39, 2, 256, false)));
    assertEquals("slotStride must be from 40 to 4096, got 39", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GemmTiler.tile(AcceleratorShape.defaults(), small, 4,
        new GemmTiling(8, 2, 4, 1024, 2, 513, false)));
    assertEquals("accBufferRows must be from 16 to 512, got 513", e.getMessage());
    // The GEMM sequencer's size fields are 16 bits.
    e = assertThrows(IllegalArgumentException.class, () -> GemmCommand.words(new GemmSpec(70_000, 4, 4, 0, 4,
        300_000, 4, 400_000, 16, null), new GemmTiling(4, 1, 2, 1024, 2, 256, false)));
    assertEquals("m must be from 1 to 65535, got 70000", e.getMessage());
  }
}
