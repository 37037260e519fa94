package dev.serrano.testbench.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.model.ArrayCycleModel;
import dev.serrano.testbench.model.GemmReference;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated PE array against the bit-exact GEMM reference and the exact cycle model, over
 * edge shapes (1 x 1 x 1, M = 1, N = 1, K = 1, sizes that are not multiples of the array, K much
 * larger than R), random and extreme values, every dataflow, wrapping and saturating sums, tiles
 * and random stalls. Each configuration is one Verilator build; its seed is logged.
 */
class PeArrayTest {
  @TempDir
  Path folder;

  @ParameterizedTest(name = "{0}x{1} {2} {3}x{4} a{5} sat={6} tiles {7}x{8} stall={9}")
  @CsvSource({
      "4, 4, ws,   s8,  s8,  32, false, 1, 1, 0",
      "3, 5, os,   u8,  s8,  20, true,  1, 1, 0",
      "4, 6, both, s4,  u4,  10, true,  2, 3, 0",
      "2, 3, both, s16, s16, 32, true,  1, 1, 0.25",
      "1, 1, both, u8,  u8,  16, false, 1, 1, 0",
      "5, 2, ws,   u4,  u4,  8,  false, 5, 1, 0.1",
  })
  void gemmsAreBitExactAndTakeTheModelledCycles(int rows, int cols, String dataflow, String input,
      String weight, int accWidth, boolean saturate, int tileRows, int tileCols, double stall) {
    Map<String, String> parameters = Map.of("rows", "" + rows, "cols", "" + cols, "dataflow", dataflow,
        "input", input, "weight", weight, "accWidth", "" + accWidth, "saturate", "" + saturate,
        "tileRows", "" + tileRows, "tileCols", "" + tileCols);
    ArrayConfig config = Catalog.arrayConfig(parameters);
    DesignInterface array = GeneratedDesigns.generate(folder, "pe_array", parameters);
    long seed = System.nanoTime();
    System.out.println("PeArrayTest " + parameters + " seed " + seed);
    Random random = new Random(seed);
    int[][] shapes = {
        {1, 1, 1}, {1, cols, rows}, {rows, 1, 1}, {2 * rows + 1, cols + 1, rows - 1 + 1},
        {3, 2 * cols + 1, 5 * rows + 2}, {rows + 3, cols, 1}, {1, 2 * cols, 3 * rows},
        {4 * rows + 7, cols - 1 + 1, 2 * rows},
    };
    try (Simulation sim = Simulation.start(array)) {
      PeArrayDriver driver = new PeArrayDriver(sim, config, stall, seed);
      for (int[] shape : shapes) {
        int m = shape[0];
        int n = shape[1];
        int k = shape[2];
        boolean extreme = random.nextBoolean();
        long[][] a = RandomOperands.matrix(random, m, k, config.input(), extreme);
        long[][] b = RandomOperands.matrix(random, k, n, config.weight(), extreme);
        String what = "M=" + m + " N=" + n + " K=" + k + " extreme=" + extreme + " seed " + seed;
        if (config.dataflow().supportsWs()) {
          BigInteger[][] d = RandomOperands.sums(random, m, n, driver.arithmetic());
          sim.reset(2);
          PeArrayDriver.Result result = driver.runWs(a, b, d);
          assertArrayEquals(GemmReference.gemm(a, b, d, driver.arithmetic()), result.c(), "WS " + what);
          assertEquals(ArrayCycleModel.wsCycles(rows, cols, tileRows, tileCols, m, n, k), result.cycles(),
              "WS cycles, " + what);
        }
        if (config.dataflow().supportsOs()) {
          sim.reset(2);
          PeArrayDriver.Result result = driver.runOs(a, b);
          assertArrayEquals(GemmReference.gemm(a, b, null, driver.arithmetic()), result.c(), "OS " + what);
          assertEquals(ArrayCycleModel.osCycles(rows, cols, tileRows, tileCols, m, n, k), result.cycles(),
              "OS cycles, " + what);
        }
      }
    }
  }
}
