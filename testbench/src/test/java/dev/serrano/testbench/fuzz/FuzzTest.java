package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast subsets of {@code scripts/fuzz}, two cases at a time: random small configurations of
 * the accelerator and the PE array, and a sample of the resize matrix, each generated, linted
 * (Verilator -Wall, Icarus, Yosys check with no latch or loop), built and run on random GEMMs
 * bit-exact; plus the configurations that once failed, and random accelerators whose runs are
 * replayed under Icarus Verilog as traces. Seeds come from {@code -Dfuzz.seed} or
 * the clock and are printed; every failure prints the command that replays it alone.
 */
class FuzzTest {
  /** Random configurations per run: half accelerators, half PE arrays. */
  private static final int RANDOM_CASES = Integer.getInteger("fuzz.cases", 14);
  /** Cases drawn from the resize matrix (2..16 squared, every type) per run, plus one accelerator shape. */
  private static final int RESIZE_SAMPLE = Integer.getInteger("fuzz.resizeSample", 4);
  /** Accelerators recorded and replayed under Icarus per run. */
  private static final int ICARUS_CASES = Integer.getInteger("fuzz.icarusCases", 2);
  private static final int GEMMS = 3;
  private static final int JOBS = 2;

  /** Configurations the catalog accepted and that once failed, kept as regressions. */
  static final List<String> REGRESSIONS = List.of(
      // addressWidth 12 to 20 failed the DMA burst planner's width check.
      "accelerator rows=1 cols=4 input=u8 weight=u8 saturate=false tileRows=1 tileCols=2 spBanks=2 spRows=8"
          + " accBanks=1 accRows=2 dataWidth=32 addressWidth=12 idWidth=4 maxBurst=8 outstanding=8 queueDepth=2"
          + " maxTokens=12 reset=sync_high seed=8171302499766807249");

  @TempDir
  Path folder;

  private static long seed() {
    return Long.getLong("fuzz.seed", System.nanoTime());
  }

  /**
   * Tens of Verilator builds take minutes, more than the suite's default per-test limit; every GEMM
   * has its own cycle limit, so a hang still fails within the case.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void randomSmallConfigurationsAndTheRegressionsAreCleanAndBitExact() {
    long seed = seed();
    System.out.println("FuzzTest random configurations seed=" + seed + " (scripts/fuzz --small --count "
        + RANDOM_CASES + " --seed " + seed + ")");
    List<FuzzCase> cases = new ArrayList<>(
        new ConfigurationGenerator(ConfigurationGenerator.Limits.SMALL).cases(seed, RANDOM_CASES));
    REGRESSIONS.forEach(text -> cases.add(FuzzCase.parse(text)));
    assertAllPass(cases);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void aSampleOfTheResizeMatrixIsBitExact() {
    long seed = seed();
    System.out.println("FuzzTest resize seed=" + seed + " (scripts/fuzz --resize --tops pe_array --max-side 16"
        + " --sample " + RESIZE_SAMPLE + " --seed " + seed + ")");
    List<int[]> square = ResizeMatrix.shapes().stream()
        .filter(s -> s[0] <= ResizeMatrix.LARGEST_SIDE && s[1] <= ResizeMatrix.LARGEST_SIDE).toList();
    List<FuzzCase> all = ResizeMatrix.cases(seed, square, ResizeMatrix.ALL_TYPES, true, false);
    List<FuzzCase> cases = new ArrayList<>(FuzzMain.sample(all, RESIZE_SAMPLE, seed));
    int[] shape = square.get((int) Math.floorMod(seed, (long) square.size()));
    cases.add(ResizeMatrix.accelerator(shape[0], shape[1], seed));
    assertAllPass(cases);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void randomAcceleratorsRecordedAsTracesReplayTheSameUnderIcarus() {
    long seed = seed();
    System.out.println("FuzzTest Icarus seed=" + seed + " (scripts/fuzz --small --count " + 2 * ICARUS_CASES
        + " --seed " + seed + " --icarus; the accelerators of those)");
    List<FuzzCase> accelerators = new ConfigurationGenerator(ConfigurationGenerator.Limits.SMALL)
        .cases(seed, 2 * ICARUS_CASES).stream().filter(c -> c.top().equals(FuzzCase.ACCELERATOR)).toList();
    List<CaseRunner.Outcome> outcomes = assertAllPass(accelerators, new CaseRunner(GEMMS, true));
    assertTrue(outcomes.stream().allMatch(o -> o.replaySeconds() > 0), "every accelerator was replayed under Icarus");
  }

  private List<CaseRunner.Outcome> assertAllPass(List<FuzzCase> cases) {
    return assertAllPass(cases, new CaseRunner(GEMMS));
  }

  private List<CaseRunner.Outcome> assertAllPass(List<FuzzCase> cases, CaseRunner runner) {
    List<CaseRunner.Outcome> outcomes = new FuzzRun(runner, JOBS, folder, System.out).run(cases);
    assertEquals(cases.size(), outcomes.size());
    String failures = outcomes.stream().filter(o -> !o.passed())
        .map(o -> "[" + o.failure().stage() + "] " + o.failure().getMessage() + "\n  " + o.replayCommand())
        .collect(Collectors.joining("\n"));
    assertTrue(failures.isEmpty(), failures);
    assertTrue(outcomes.stream().allMatch(o -> o.gemms() == GEMMS), "every case ran its GEMMs");
    return outcomes;
  }
}
