package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.testbench.array.PeArrayDriver;
import dev.serrano.testbench.array.RandomOperands;
import dev.serrano.testbench.model.ArrayCycleModel;
import dev.serrano.testbench.model.GemmReference;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/**
 * Random GEMMs on a simulated {@code pe_array} through {@link PeArrayDriver}, in every dataflow the
 * build has (WS with random initial sums D, OS), each bit-exact against {@link GemmReference} and
 * taking the cycles of {@link ArrayCycleModel}, with {@code en} low on random cycles.
 */
final class PeArrayGemms {
  private PeArrayGemms() {}

  /**
   * Runs {@code gemms} random GEMMs (the first 1 x 1 x 1, the others up to about three array
   * sides in each dimension, half of them with only the types' extreme values); returns the GEMMs
   * run per dataflow.
   *
   * @throws CaseFailure naming the GEMM, the dataflow and the first wrong element
   */
  static int run(Simulation sim, ArrayConfig config, Random random, int gemms) {
    double stall = random.nextInt(3) == 0 ? 0 : 0.05 + 0.25 * random.nextDouble();
    PeArrayDriver driver = new PeArrayDriver(sim, config, stall, random.nextLong());
    int rows = config.rows();
    int cols = config.cols();
    for (int g = 0; g < gemms; g++) {
      int m = g == 0 ? 1 : 1 + random.nextInt(3 * rows + 3);
      int n = g == 0 ? 1 : 1 + random.nextInt(3 * cols + 1);
      int k = g == 0 ? 1 : 1 + random.nextInt(3 * rows + 1);
      boolean extreme = random.nextBoolean();
      long[][] a = RandomOperands.matrix(random, m, k, config.input(), extreme);
      long[][] b = RandomOperands.matrix(random, k, n, config.weight(), extreme);
      String what = "GEMM " + g + " M=" + m + " N=" + n + " K=" + k + (extreme ? " extreme values" : "")
          + " stall=" + String.format("%.2f", stall);
      if (config.dataflow().supportsWs()) {
        BigInteger[][] d = RandomOperands.sums(random, m, n, driver.arithmetic());
        sim.reset(2);
        PeArrayDriver.Result result = driver.runWs(a, b, d);
        check("WS " + what, GemmReference.gemm(a, b, d, driver.arithmetic()), result,
            ArrayCycleModel.wsCycles(rows, cols, config.tileRows(), config.tileCols(), m, n, k));
      }
      if (config.dataflow().supportsOs()) {
        sim.reset(2);
        PeArrayDriver.Result result = driver.runOs(a, b);
        check("OS " + what, GemmReference.gemm(a, b, null, driver.arithmetic()), result,
            ArrayCycleModel.osCycles(rows, cols, config.tileRows(), config.tileCols(), m, n, k));
      }
    }
    return gemms;
  }

  private static void check(String what, BigInteger[][] expected, PeArrayDriver.Result result, long cycles) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        if (!expected[i][j].equals(result.c()[i][j])) {
          throw new CaseFailure(CaseFailure.Stage.GEMM, what + ": C[" + i + "][" + j + "] is " + result.c()[i][j]
              + ", expected " + expected[i][j] + " (row " + i + ": " + Arrays.toString(result.c()[i]) + ", expected "
              + Arrays.toString(expected[i]) + ")");
        }
      }
    }
    if (result.cycles() != cycles) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, what + ": " + result.cycles() + " cycles, the cycle model says "
          + cycles);
    }
  }
}
