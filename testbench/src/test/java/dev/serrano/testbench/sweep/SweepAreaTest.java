package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.build.SimulationCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Area in a sweep: a 2 x 2 and a 2 x 3 PE array sized in every flow. Each PE multiplies once, so the
 * FPGA flows must map R x C multipliers to as many DSP blocks, and the 2 x 3 array must cost more
 * logic than the 2 x 2 one; a second sweep over the same configurations finds them in the cache.
 */
class SweepAreaTest {
  @TempDir
  Path temp;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // six Yosys runs and two Verilator builds, cold
  void everyFlowSizesEachConfigurationOnceAndTheCacheServesTheNextSweep() throws IOException {
    SimulationCache cache = new SimulationCache(temp.resolve("cache"));
    SweepSpec spec = SweepSpec.parse("area", """
        { "parameters": {"top": ["pe_array"], "rows": [2], "cols": [2, 3]},
          "workloads": [{"m": 3, "n": 4, "k": 5}] }
        """);
    List<PointResult> results = runner(spec, temp.resolve("first"), cache).run().results();
    assertEquals(2, results.size());
    for (PointResult result : results) {
      Area area = result.area();
      assertNotNull(area, result.key());
      long pes = 2L * Integer.parseInt(result.parameters().get("cols"));
      assertEquals(pes, area.ice40().dsp(), result.key() + ": SB_MAC16 per PE");
      assertEquals(pes, area.xilinx().dsp(), result.key() + ": DSP48E1 per PE");
      assertEquals(0, area.sramBits(), "a PE array has no scratchpad or accumulator");
      assertTrue(area.xilinx().ff() > 0 && area.ice40().lut() > 0, result.key());
    }
    assertTrue(results.get(1).area().genericCells() > results.get(0).area().genericCells(),
        "2 x 3 PEs cost more than 2 x 2");
    assertEquals(6, entries(cache.root().resolve("area")), "two configurations in three flows");
    String csv = Files.readString(temp.resolve("first/results.csv"));
    assertTrue(csv.lines().findFirst().orElseThrow().contains("generic_cells,sram_bits,ice40_lut"), csv);

    List<PointResult> again = runner(spec, temp.resolve("second"), cache).run().results();
    assertEquals(6, entries(cache.root().resolve("area")), "nothing synthesized again");
    assertEquals(results.get(1).area(), again.get(1).area());
  }

  private static SweepRunner runner(SweepSpec spec, Path folder, SimulationCache cache) {
    return new SweepRunner(spec, new SweepFolder(folder), 2, SweepRunner.Shard.ALL, SweepRunner.DEFAULT_MAX_CYCLES,
        EnergyTable.horowitz45nm(), SweepRunner.Progress.NONE, cache);
  }

  private static long entries(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.count();
    }
  }
}
