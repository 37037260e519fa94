package dev.serrano.testbench.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.post.PostProcess;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.model.Requantize;
import dev.serrano.testbench.model.Requantize.RowConfig;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The post-processing unit against the TFLite reference ({@link Requantize}): random rows with
 * random per-row configuration (edge values included), random input gaps and output stalls; every
 * output row in order, none lost or duplicated; one row per cycle when both sides are always ready.
 */
class PostProcessTest {
  private static final int MIN = Integer.MIN_VALUE;
  private static final int MAX = Integer.MAX_VALUE;

  /** An input row with its configuration, and the output word the reference expects. */
  private record Row(int[] acc, RowConfig config, int[] expected) {}

  @TempDir
  Path folder;

  @ParameterizedTest(name = "lanes={0} {1} valid {2} ready {3}")
  @CsvSource({
      "1,  SYNC_ACTIVE_HIGH,  0.6, 0.5",
      "16, ASYNC_ACTIVE_LOW,  0.8, 0.7",
      "20, SYNC_ACTIVE_LOW,   0.9, 0.3",
  })
  void everyRowMatchesTheReferenceUnderGapsAndStalls(int lanes, ResetStyle reset, double validRate, double readyRate) {
    long seed = System.nanoTime();
    System.out.println("PostProcessTest lanes=" + lanes + " seed=" + seed);
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      rows.add(randomRow(random, lanes));
    }
    PostProcess.Config config = new PostProcess.Config(lanes, reset);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, PostProcess.build(config)))) {
      sim.reset(2);
      List<int[]> out = drive(sim, lanes, rows, random, validRate, readyRate, 40L * rows.size(), seed);
      assertRowsEqual(rows, out, seed);
    }
  }

  @Test
  void streamsOneRowPerCycleWithTheDocumentedLatency() {
    int lanes = 16;
    int count = 300;
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(randomRow(random, lanes));
    }
    PostProcess.Config config = new PostProcess.Config(lanes, ResetStyle.SYNC_ACTIVE_HIGH);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, PostProcess.build(config)))) {
      sim.reset(2);
      Port inReady = sim.port("in_ready");
      Port outValid = sim.port("out_valid");
      sim.port("out_ready").set(1);
      sim.port("in_valid").set(1);
      long first = -1;
      long firstOut = -1;
      long last = -1;
      int sent = 0;
      List<int[]> out = new ArrayList<>();
      for (long cycle = 0; out.size() < count && cycle < 10L * count; cycle++) {
        if (sent < count) {
          present(sim, rows.get(sent));
        } else {
          sim.port("in_valid").set(0);
        }
        sim.eval();
        if (outValid.get() == 1) {
          firstOut = firstOut < 0 ? cycle : firstOut;
          last = cycle;
          out.add(read(sim, lanes, rows.get(out.size()).config().outInt8()));
        }
        if (sent < count) {
          assertEquals(1, inReady.get(), "in_ready dropped at cycle " + cycle + " with the output always ready");
          first = first < 0 ? cycle : first;
          sent++;
        }
        sim.step();
      }
      assertRowsEqual(rows, out, 7);
      // Accepted at edge 'first' (end of that cycle), offered LATENCY edges later, then one per cycle.
      assertEquals(PostProcess.LATENCY, firstOut - first, "cycles from accepting the first row to offering it");
      assertEquals(count - 1, last - firstOut, count + " rows must leave in " + count + " consecutive cycles");
    }
  }

  @Test
  void edgeCasesGiveTheHandWorkedValues() {
    int half = 1 << 30;
    // Lane by lane (multiplier 2^30 halves): SRDHM overflow; 3 << 30 wraps to -2^30, halved;
    // -2.5 rounds to -2 in SRDHM; then / 2 = -1; -3 / 2 = -1.5 rounds away to -2; 5 / 2 = 2.5 to 3;
    // shift -40 acts as -31: (2^31 - 2) / 2^31 rounds to 1; shift 40 acts as 30; the bias wraps
    // MAX + 1 to MIN, halved to -2^30, / 2^31 = -0.5 rounds away to -1; 100 / 2 * 2.
    int[] acc = {MIN, 3, -5, -5, -6, 10, MAX, 1, MAX, 100};
    int[] bias = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    int[] multiplier = {MIN, half, half, half, half, half, MAX, half, half, half};
    int[] shift = {0, 30, 0, -1, -1, -1, -40, 40, -31, 1};
    int[] requantised = {MAX, -(1 << 29), -2, -1, -2, 3, 1, 1 << 29, -1, 100};
    RowConfig plain = new RowConfig(bias, multiplier, shift, 0, MIN, MAX, true, false);
    // A zero point of MAX wraps: MAX + MAX = -2, -(2^29) + MAX = 2^31 - 1 - 2^29, ...
    RowConfig offset = new RowConfig(bias, multiplier, shift, MAX, MIN, MAX, true, false);
    int[] offsetExpected = Arrays.stream(requantised).map(v -> v + MAX).toArray();
    // ReLU6-like clamp to [-1, 2] and int8 output; then pass-through to int8 (saturating).
    RowConfig relu = new RowConfig(bias, multiplier, shift, 0, -1, 2, true, true);
    int[] reluExpected = {2, -1, -1, -1, -1, 2, 1, 2, -1, 2};
    RowConfig pass = new RowConfig(bias, multiplier, shift, 0, MIN, MAX, false, true);
    int[] passExpected = {-128, 3, -5, -5, -6, 10, 127, 1, -128, 100};
    List<Row> rows = List.of(new Row(acc, plain, requantised), new Row(acc, offset, offsetExpected),
        new Row(acc, relu, reluExpected), new Row(acc, pass, passExpected));
    for (Row row : rows) {
      assertArrayEquals(row.expected(), Requantize.row(row.acc(), row.config()), "reference disagrees with the hand values");
    }
    PostProcess.Config config = new PostProcess.Config(acc.length, ResetStyle.SYNC_ACTIVE_HIGH);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, PostProcess.build(config)))) {
      sim.reset(2);
      assertRowsEqual(rows, drive(sim, acc.length, rows, new Random(3), 0.5, 0.5, 1000, 3), 3);
    }
  }

  /** Presents rows in order (each held until taken), takes every offered row, checks the ready paths. */
  private static List<int[]> drive(Simulation sim, int lanes, List<Row> rows, Random random, double validRate,
      double readyRate, long maxCycles, long seed) {
    Port inValid = sim.port("in_valid");
    Port inReady = sim.port("in_ready");
    Port outValid = sim.port("out_valid");
    Port outReady = sim.port("out_ready");
    ArrayDeque<Row> pending = new ArrayDeque<>(rows);
    List<int[]> out = new ArrayList<>();
    boolean presenting = false;
    for (long cycle = 0; cycle < maxCycles && out.size() < rows.size(); cycle++) {
      Row row = pending.peek();
      presenting = row != null && (presenting || random.nextDouble() < validRate);
      if (row != null) {
        present(sim, row);
      }
      inValid.set(presenting ? 1 : 0);
      // Neither out_valid nor in_ready may follow out_ready within the cycle.
      outReady.set(0);
      sim.eval();
      long validWhenStalled = outValid.get();
      long readyWhenStalled = inReady.get();
      boolean ready = random.nextDouble() < readyRate;
      outReady.set(ready ? 1 : 0);
      sim.eval();
      assertEquals(validWhenStalled, outValid.get(), "out_valid follows out_ready (cycle " + cycle + ", seed " + seed + ")");
      assertEquals(readyWhenStalled, inReady.get(), "in_ready follows out_ready (cycle " + cycle + ", seed " + seed + ")");
      if (outValid.get() == 1 && ready) {
        out.add(read(sim, lanes, rows.get(out.size()).config().outInt8()));
      }
      if (presenting && inReady.get() == 1) {
        pending.poll();
        presenting = false;
      }
      sim.step();
    }
    assertEquals(rows.size(), out.size(), "rows out (seed " + seed + ")");
    // Nothing more may come out: no row duplicated.
    outReady.set(1);
    inValid.set(0);
    for (int i = 0; i < PostProcess.LATENCY + 4; i++) {
      sim.eval();
      assertEquals(0, outValid.get(), "an extra row after the last one (seed " + seed + ")");
      sim.step();
    }
    return out;
  }

  private static void present(Simulation sim, Row row) {
    sim.port("in_data").setWords(row.acc());
    PostProcessPorts.set(sim, "", row.config());
    sim.port("out_int8").set(row.config().outInt8() ? 1 : 0);
  }

  /** The lanes of out_data: int32 words, or sign-extended bytes (the rest of the word must be zero). */
  private static int[] read(Simulation sim, int lanes, boolean int8) {
    int[] words = new int[lanes];
    sim.port("out_data").getWords(words);
    if (!int8) {
      return words;
    }
    int[] lanesOut = new int[lanes];
    for (int k = 0; k < lanes; k++) {
      lanesOut[k] = (byte) (words[k / 4] >>> (8 * (k % 4)));
    }
    for (int w = (lanes + 3) / 4; w < lanes; w++) {
      assertEquals(0, words[w], "int8 output: word " + w + " above the packed bytes must be zero");
    }
    if (lanes % 4 != 0) {
      assertEquals(0, words[lanes / 4] >>> (8 * (lanes % 4)), "int8 output: bits above the packed bytes");
    }
    return lanesOut;
  }

  private static void assertRowsEqual(List<Row> rows, List<int[]> out, long seed) {
    assertEquals(rows.size(), out.size(), "rows out (seed " + seed + ")");
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      int index = i;
      assertArrayEquals(row.expected(), out.get(i), () -> "row " + index + " (seed " + seed + "): acc "
          + Arrays.toString(row.acc()) + " bias " + Arrays.toString(row.config().bias()) + " multiplier "
          + Arrays.toString(row.config().multiplier()) + " shift " + Arrays.toString(row.config().shift())
          + " zero point " + row.config().zeroPoint() + " clamp " + row.config().clampMin() + ".."
          + row.config().clampMax() + " requantize " + row.config().requantize() + " int8 "
          + row.config().outInt8());
    }
  }

  // ---- random rows: typical values and the edges ----

  private static Row randomRow(Random random, int lanes) {
    int[] acc = new int[lanes];
    for (int k = 0; k < lanes; k++) {
      acc[k] = RandomRowConfigs.value(random, 1 << 20);
    }
    RowConfig config = RandomRowConfigs.random(random, lanes, random.nextBoolean());
    return new Row(acc, config, Requantize.row(acc, config));
  }
}
