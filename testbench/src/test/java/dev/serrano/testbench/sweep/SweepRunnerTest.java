package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.model.ScaleSimModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep end to end: 2 x 2 and 4 x 4 accelerators with small memories (AcceleratorTest's
 * sizes), an invalid configuration (3 scratchpad banks) and a 2 x 3 PE array on its own in both
 * dataflows, times two small GEMMs; no area (SweepAreaTest sizes a sweep). The unsharded run made once
 * is the reference every other way of running the sweep must reproduce byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepRunnerTest {
  private static final String SMALL_MEMORIES = "\"spRows\": [64], \"accBanks\": [2], \"accRows\": [32],"
      + " \"dataWidth\": [64], \"maxBurst\": [16], \"outstanding\": [4], \"queueDepth\": [4]";
  private static final SweepSpec TINY = SweepSpec.parse("tiny", """
      { "parameters": [
          {"rows": [2], "cols": [2], "spBanks": [2], %1$s},
          {"rows": [4], "cols": [4], "spBanks": [2], %1$s},
          {"rows": [2], "cols": [2], "spBanks": [3], %1$s},
          {"top": ["pe_array"], "rows": [2], "cols": [3], "dataflow": ["ws", "os"]} ],
        "workloads": [{"m": 8, "n": 6, "k": 10}, {"m": 5, "n": 4, "k": 12}],
        "area": [] }
      """.formatted(SMALL_MEMORIES));

  @TempDir
  Path temp;

  private SweepRunner.Summary reference;
  private String referenceCsv;

  @BeforeAll
  void runTheSweepOnce(@TempDir Path folder) throws IOException {
    reference = runner(new SweepFolder(folder), SweepRunner.Shard.ALL).run();
    referenceCsv = Files.readString(new SweepFolder(folder).resultsCsv());
  }

  @Test
  void everyValidPointIsMeasuredExactly() {
    assertEquals(4, reference.simulationsStarted(), "one simulation per valid configuration");
    assertEquals(10, reference.pointsRecorded());
    List<PointResult> results = reference.results();
    assertEquals(List.of("rows=2,cols=2,spBanks=2", "rows=2,cols=2,spBanks=2", "rows=4,cols=4,spBanks=2",
        "rows=4,cols=4,spBanks=2", "rows=2,cols=2,spBanks=3", "rows=2,cols=2,spBanks=3"),
        results.subList(0, 6).stream().map(r -> r.key().substring(0, r.key().indexOf(",spRows"))).toList());
    for (PointResult result : results.subList(0, 4)) {
      PointResult.Measurement m = result.measurement();
      assertTrue(m.exact(), result.key());
      assertTrue(m.cycles() >= 1, result.key());
      int side = Integer.parseInt(result.parameters().get("rows"));
      assertEquals("ws", m.dataflow());
      assertEquals(ScaleSimModel.wsCycles(side, side, result.m(), result.n(), result.k()), m.scaleSimCycles());
      assertEquals(m.cycles() - m.scaleSimCycles(), m.cyclesMinusScaleSim());
      assertEquals((double) result.m() * result.n() * result.k() / (side * side * m.cycles()), m.peUtilization());
      assertTrue(m.counters().get("mac_slots") >= (long) result.m() * result.n() * result.k(), result.key());
      assertTrue(m.energy().totalPj() > 0 && m.energy().topsPerWatt() > 0, result.key());
      assertEquals(m.counters().get("dma_read_bytes"), m.traffic().dramReadBytes());
      assertTrue(m.traffic().rooflineCycles() <= m.cycles(), result.key());
    }
  }

  @Test
  void aPeArrayRunsBothDataflowsExactlyAgainstTheirClosedForms() {
    List<PointResult> results = reference.results().subList(6, 10);
    assertEquals(List.of("top=pe_array,rows=2,cols=3,dataflow=ws@gemm-8x6x10",
        "top=pe_array,rows=2,cols=3,dataflow=ws@gemm-5x4x12", "top=pe_array,rows=2,cols=3,dataflow=os@gemm-8x6x10",
        "top=pe_array,rows=2,cols=3,dataflow=os@gemm-5x4x12"), results.stream().map(PointResult::key).toList());
    for (PointResult result : results) {
      PointResult.Measurement m = result.measurement();
      assertTrue(m.exact(), result.key());
      boolean os = result.parameters().get("dataflow").equals("os");
      assertEquals(os ? "os" : "ws", m.dataflow());
      long model = os ? ScaleSimModel.osCycles(2, 3, result.m(), result.n(), result.k())
          : ScaleSimModel.wsCycles(2, 3, result.m(), result.n(), result.k());
      assertEquals(model, m.scaleSimCycles(), result.key());
      assertEquals(0, m.traffic().dramReadBytes() + m.traffic().dramWriteBytes(), "an array alone has no DRAM");
      assertEquals(0, m.energy().dramPj());
      // The array's results leave it once in OS; in WS every K-fold's partial sums do.
      assertTrue(os ? m.energy().accumulatorPj() < 2 * result.m() * result.n() * 20.0 : m.energy().accumulatorPj() > 0);
    }
    // The same GEMM: OS writes each of the M x N results once; WS writes a row per K-fold and reads it back.
    assertTrue(results.get(2).measurement().energy().accumulatorPj()
        < results.get(0).measurement().energy().accumulatorPj());
  }

  @Test
  void anInvalidConfigurationIsRecordedWithItsReasonAndTheOthersComplete() {
    for (PointResult result : reference.results().subList(4, 6)) {
      assertTrue(result.failed(), result.key());
      assertTrue(result.error().startsWith("configuration rejected: ") && result.error().contains("spBanks"),
          result.error());
    }
    assertTrue(referenceCsv.contains(",failed,"), referenceCsv);
    assertEquals(8, referenceCsv.lines().filter(line -> line.contains(",ok,")).count(), referenceCsv);
  }

  @Test
  void aSecondRunRecomputesNothing() throws IOException {
    SweepFolder copy = copyOf(reference);
    SweepRunner.Summary again = runner(copy, SweepRunner.Shard.ALL).run();
    assertEquals(0, again.simulationsStarted());
    assertEquals(0, again.pointsRecorded());
    assertEquals(referenceCsv, Files.readString(copy.resultsCsv()));
  }

  @Test
  void anInterruptedRunResumesWhereItStopped() throws IOException {
    SweepFolder folder = new SweepFolder(temp.resolve("interrupted"));
    // Stopped after the 4 x 4 configuration, then one of its point files lost as well.
    runner(folder, new SweepRunner.Shard(1, 2)).run();
    String lost = TINY.points().get(3).key();
    Files.delete(folder.root().resolve("points").resolve(lost + ".json"));
    SweepRunner.Summary resumed = runner(folder, SweepRunner.Shard.ALL).run();
    assertEquals(3, resumed.simulationsStarted(),
        "the 2 x 2 configuration, the 4 x 4 one for the lost point and the OS array");
    assertEquals(7, resumed.pointsRecorded(), "2 x 2: 2 points, 4 x 4: the lost one, the invalid one: 2, OS: 2");
    assertEquals(referenceCsv, Files.readString(folder.resultsCsv()));
  }

  @Test
  void twoShardsMergedEqualTheUnshardedSweep() throws IOException {
    SweepFolder first = new SweepFolder(temp.resolve("shard0"));
    SweepFolder second = new SweepFolder(temp.resolve("shard1"));
    assertEquals(6, runner(first, new SweepRunner.Shard(0, 2)).run().results().size(), "configurations 0, 2, 4");
    assertEquals(4, runner(second, new SweepRunner.Shard(1, 2)).run().results().size(), "configurations 1 and 3");
    assertNotEquals(referenceCsv, Files.readString(first.resultsCsv()));
    Path merged = temp.resolve("merged");
    SweepFolder.merge(List.of(first.root(), second.root()), merged);
    assertEquals(referenceCsv, Files.readString(new SweepFolder(merged).resultsCsv()));
  }

  @Test
  void aRunThatDoesNotFinishFailsItsPointAndTheNextOneGetsAFreshSimulation() throws IOException {
    SweepSpec oneConfiguration = new SweepSpec(List.of(TINY.grids().get(0)), TINY.workloads(), List.of(),
        SweepSpec.DEFAULT_CLOCK_MHZ);
    SweepRunner tooFewCycles = new SweepRunner(oneConfiguration, new SweepFolder(temp.resolve("timeout")), 1,
        SweepRunner.Shard.ALL, 50, EnergyTable.horowitz45nm());
    SweepRunner.Summary summary = tooFewCycles.run();
    assertEquals(2, summary.simulationsStarted(), "a restart after the first point's failure");
    for (PointResult result : summary.results()) {
      assertTrue(result.failed() && result.error().startsWith("run failed: "), result.key() + ": " + result.error());
    }
  }

  @Test
  void foldersOfDifferentSweepsAreNeitherReusedNorMerged() throws IOException {
    SweepSpec other = new SweepSpec(TINY.grids(), TINY.workloads().subList(0, 1), List.of(),
        SweepSpec.DEFAULT_CLOCK_MHZ);
    SweepFolder first = new SweepFolder(temp.resolve("tiny"));
    SweepFolder second = new SweepFolder(temp.resolve("other"));
    first.claim(TINY);
    second.claim(other);
    SweepSpecException rerun = assertThrows(SweepSpecException.class,
        () -> runner(second, SweepRunner.Shard.ALL).run());
    assertTrue(rerun.getMessage().contains("holds a different sweep"), rerun.getMessage());
    SweepSpecException merge = assertThrows(SweepSpecException.class,
        () -> SweepFolder.merge(List.of(first.root(), second.root()), temp.resolve("merged")));
    assertTrue(merge.getMessage().contains("holds a different sweep"), merge.getMessage());
  }

  private static SweepRunner runner(SweepFolder folder, SweepRunner.Shard shard) {
    return new SweepRunner(TINY, folder, 2, shard, SweepRunner.DEFAULT_MAX_CYCLES, EnergyTable.horowitz45nm());
  }

  /** The reference run's points in a fresh folder, so that tests do not share one. */
  private SweepFolder copyOf(SweepRunner.Summary summary) throws IOException {
    SweepFolder copy = new SweepFolder(temp.resolve("copy"));
    for (PointResult result : summary.results()) {
      copy.write(result);
    }
    return copy;
  }
}
