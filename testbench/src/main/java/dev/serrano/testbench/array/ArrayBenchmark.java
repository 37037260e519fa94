package dev.serrano.testbench.array;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.Synthesis;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.model.ArrayCycleModel;
import dev.serrano.testbench.model.GemmReference;
import dev.serrano.testbench.model.ScaleSimModel;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The PE array's measurements (scripts/bench-array): simulated cycles of whole GEMMs against this
 * RTL's cycle model and SCALE-Sim's closed form; Verilator build time and simulation speed versus
 * array size; Yosys area of the PE and of arrays. Prints Markdown tables.
 */
public final class ArrayBenchmark {
  private static final long[][] GEMMS = {{64, 64, 64}, {128, 64, 256}, {256, 256, 256}, {1, 256, 256}, {512, 512, 64}};

  private ArrayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("serrano-bench-array");
    // One fresh cache for the whole run (a JVM binds one cache's dispatcher): every design builds cold.
    SimulationOptions options = SimulationOptions.defaults()
        .withCache(new SimulationCache(Files.createTempDirectory(work, "cache")));
    warmUpRuntime(work, options);
    buildAndSpeed(work, options);
    cycles(work, options);
    area(work);
  }

  /** Builds a 1 x 1 array once, so that the measured builds find the Verilator runtime objects cached. */
  private static void warmUpRuntime(Path work, SimulationOptions options) throws IOException {
    try (Simulation sim = Simulation.start(generate(work.resolve("warmup"), Map.of("rows", "1", "cols", "1")), options)) {
      sim.reset(1);
    }
  }

  private static void cycles(Path work, SimulationOptions options) throws IOException {
    System.out.println("\n### Cycles: simulated RTL vs its model vs SCALE-Sim (stall-free)\n");
    System.out.println("| array | dataflow | GEMM M x N x K | RTL (simulated) | RTL model | SCALE-Sim | RTL / SCALE-Sim | utilization |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int side : new int[] {8, 16}) {
      Map<String, String> parameters = Map.of("rows", "" + side, "cols", "" + side, "dataflow", "both");
      ArrayConfig config = Catalog.arrayConfig(parameters);
      DesignInterface design = generate(work.resolve("cycles" + side), parameters);
      try (Simulation sim = Simulation.start(design, options)) {
        PeArrayDriver driver = new PeArrayDriver(sim, config, 0, 0);
        Random random = new Random(side);
        for (long[] gemm : GEMMS) {
          int m = (int) gemm[0];
          int n = (int) gemm[1];
          int k = (int) gemm[2];
          long[][] a = random(random, m, k);
          long[][] b = random(random, k, n);
          for (String df : List.of("ws", "os")) {
            sim.reset(2);
            PeArrayDriver.Result result = df.equals("ws") ? driver.runWs(a, b, null) : driver.runOs(a, b);
            if (!Arrays.deepEquals(result.c(), GemmReference.gemm(a, b, null, driver.arithmetic()))) {
              throw new IllegalStateException("wrong result for " + Arrays.toString(gemm) + " " + df);
            }
            long model = df.equals("ws") ? ArrayCycleModel.wsCycles(side, side, 1, 1, m, n, k)
                : ArrayCycleModel.osCycles(side, side, 1, 1, m, n, k);
            long scaleSim = df.equals("ws") ? ScaleSimModel.wsCycles(side, side, m, n, k)
                : ScaleSimModel.osCycles(side, side, m, n, k);
            double utilization = (double) m * n * k / ((double) result.cycles() * side * side);
            System.out.printf("| %dx%d | %s | %d x %d x %d | %d | %d%s | %d | %.3f | %.1f %% |%n", side, side, df, m, n,
                k, result.cycles(), model, model == result.cycles() ? "" : " (MISMATCH)", scaleSim,
                (double) result.cycles() / scaleSim, 100 * utilization);
          }
        }
      }
    }
  }

  private static void buildAndSpeed(Path work, SimulationOptions options) throws IOException {
    System.out.println("\n### Generation, Verilator build (design not cached, runtime objects cached) and"
        + " simulation speed, WS int8\n");
    System.out.println("| array | generate + emit (s) | Verilog bytes | Verilator build (s) | streaming cycles/s |");
    System.out.println("|---|---|---|---|---|");
    for (int side : new int[] {8, 16, 32, 64}) {
      Map<String, String> parameters = Map.of("rows", "" + side, "cols", "" + side);
      long t0 = System.nanoTime();
      EmittedDesign emitted = EmittedDesign.of(Catalog.design("pe_array", parameters));
      double generate = (System.nanoTime() - t0) / 1e9;
      Path folder = work.resolve("speed" + side);
      OutputWriter.write(emitted, folder, false);
      DesignInterface design = DesignInterface.read(folder, emitted.top());
      long t1 = System.nanoTime();
      try (Simulation sim = Simulation.start(design, options)) {
        double build = (System.nanoTime() - t1) / 1e9;
        sim.reset(2);
        PeArrayDriver driver = new PeArrayDriver(sim, Catalog.arrayConfig(parameters), 0, 0);
        driver.runWs(new long[][] {new long[side]}, new long[side][side], null);
        // Stream rows into the loaded array: every PE computes every cycle.
        sim.port("en").set(1);
        sim.port("in_valid").set(1);
        sim.port("in_first").set(0);
        sim.port("w_valid").set(0);
        sim.step(1000);
        long cycles = 0;
        long t2 = System.nanoTime();
        while (System.nanoTime() - t2 < 2_000_000_000L) {
          sim.step(10_000);
          cycles += 10_000;
        }
        double speed = cycles / ((System.nanoTime() - t2) / 1e9);
        long bytes = emitted.files().values().stream().mapToLong(String::length).sum();
        System.out.printf("| %dx%d | %.2f | %d | %.1f | %.0f |%n", side, side, generate, bytes, build, speed);
      }
    }
  }

  private static void area(Path work) throws IOException {
    System.out.println("\n### Yosys 0.23 area, WS int8 x int8 -> int32\n");
    System.out.println("| design | PEs | generic cells | cells / PE | iCE40 SB_MAC16 | iCE40 LUT4 | iCE40 DFF | 7-series DSP48E1 | 7-series LUT | 7-series FF |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int side : new int[] {1, 4, 8, 16}) {
      Map<String, String> parameters = Map.of("rows", "" + side, "cols", "" + side);
      Path folder = work.resolve("area" + side);
      EmittedDesign emitted = OutputWriter.write(Catalog.design("pe_array", parameters), folder);
      List<String> files = emitted.verilogFiles();
      ResourceReport generic = Synthesis.run(folder, files, emitted.top(), Flow.GENERIC);
      ResourceReport ice40 = Synthesis.run(folder, files, emitted.top(), Flow.ICE40);
      ResourceReport xilinx = Synthesis.run(folder, files, emitted.top(), Flow.XILINX);
      int pes = side * side;
      System.out.printf("| %s | %d | %d | %.0f | %d | %d | %d | %d | %d | %d |%n", emitted.top(), pes,
          generic.cells(), generic.cells() / (double) pes, ice40.dsp(), ice40.lut(), ice40.ff(), xilinx.dsp(),
          xilinx.lut(), xilinx.ff());
    }
  }

  private static DesignInterface generate(Path folder, Map<String, String> parameters) throws IOException {
    return CatalogDesigns.generate(folder, "pe_array", parameters);
  }

  private static long[][] random(Random random, int rows, int cols) {
    long[][] values = new long[rows][cols];
    for (long[] row : values) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextInt(256) - 128;
      }
    }
    return values;
  }
}
