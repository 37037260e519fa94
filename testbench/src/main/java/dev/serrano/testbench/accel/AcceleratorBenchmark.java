package dev.serrano.testbench.accel;

import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.model.ScaleSimModel;
import dev.serrano.testbench.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The accelerator's measurements ({@code scripts/bench-accel}), each a whole workload through the
 * registers on the Verilated RTL with the native AXI memory model (1-cycle latency, no stalls
 * unless said), every result checked against the Java reference. Prints Markdown tables: GEMM
 * utilization against SCALE-Sim's WS closed form, GEMV against the memory-bandwidth bound,
 * ResNet-style convolutions, scaling of the array with its memories and bus, simulation speed.
 *
 * <p>Arguments: the sections to run ({@code gemm gemv conv scaling}; default: all).
 */
public final class AcceleratorBenchmark {
  private static final long MAX_CYCLES = 200_000_000L;
  private static final Random RANDOM = new Random(1);

  private AcceleratorBenchmark() {}

  public static void main(String[] args) throws IOException {
    java.util.List<String> sections = args.length == 0 ? java.util.List.of("gemm", "gemv", "conv", "scaling")
        : java.util.List.of(args);
    Path work = Files.createTempDirectory("serrano-bench-accel");
    try (Bench bench = Bench.start(work, Map.of(), 64 << 20)) {
      if (sections.contains("gemm")) {
        gemm(bench);
      }
      if (sections.contains("gemv")) {
        gemv(bench);
      }
      if (sections.contains("conv")) {
        conv(bench);
      }
    }
    if (sections.contains("scaling")) {
      scaling(work);
    }
  }

  /** A built accelerator and its driver. */
  private record Bench(Simulation sim, AcceleratorDriver driver, double buildSeconds) implements AutoCloseable {
    static Bench start(Path work, Map<String, String> parameters, long memoryBytes) throws IOException {
      DesignInterface design = CatalogDesigns.generate(Files.createTempDirectory(work, "accel").resolve("rtl"),
          "accelerator", parameters);
      long start = System.nanoTime();
      Simulation sim = Simulation.start(design);
      double build = (System.nanoTime() - start) / 1e9;
      sim.axi("m_axi").memory(0, memoryBytes);
      sim.reset(4);
      return new Bench(sim, new AcceleratorDriver(sim), build);
    }

    @Override
    public void close() {
      sim.close();
    }
  }

  private static void gemm(Bench bench) {
    AcceleratorShape shape = bench.driver().shape();
    System.out.println("\n### GEMM on the default accelerator (int8 x int8 -> int32, zero-wait memory)\n");
    System.out.println("| M x N x K | commands from | cycles | SCALE-Sim WS | RTL / SCALE-Sim | PE utilization |"
        + " MAC slots used | simulation speed | result |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int size : new int[] {256, 512}) {
      for (Workload.Issue issue : Workload.Issue.values()) {
        Workload w = gemm(bench.driver(), size, size, size, issue);
        long scaleSim = ScaleSimModel.wsCycles(shape.arrayRows(), shape.arrayCols(), size, size, size);
        System.out.printf("| %d x %d x %d | %s | %,d | %,d | %.3f | %.1f %% | %.1f %% | %,.0f cycles/s | %s |%n", size,
            size, size, issue, w.cycles(), scaleSim, (double) w.cycles() / scaleSim, 100 * w.utilization(shape),
            100.0 * w.macs() / w.run().counter("mac_slots"), w.cyclesPerSecond(), verdict(w));
      }
    }
  }

  /**
   * Decode-shaped GEMV: the weights stream once, so the bus is the bound. Two mappings of
   * y[1 x N] = x[1 x K] W[K x N]: x as the one input row (a weight tile per 16 x 16 block of W,
   * each used for one row), and the transposed product y^T = W^T x^T with W^T[N x K] (the
   * [out][in] layout of a linear layer's weights) streaming as input rows through one column tile
   * that holds x, which reads every weight byte once as an input row. Both store y as N int32s.
   */
  private static void gemv(Bench bench) {
    AcceleratorShape shape = bench.driver().shape();
    System.out.println("\n### GEMV (M = 1) against the memory-bandwidth bound (int32 output)\n");
    System.out.println("| N x K | mapping | cycles | bytes moved (min) | bandwidth bound | achieved / bound |"
        + " COMPUTE waits for tokens | load engine waits for data | result |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int[] nk : new int[][] {{4096, 4096}, {1024, 4096}}) {
      int n = nk[0];
      int k = nk[1];
      long bytes = (long) k * n + k + 4L * n;
      long bound = (bytes + shape.busBytes() - 1) / shape.busBytes();
      byte[] x = randomBytes(k);
      byte[] w = randomBytes(k * n);
      Workload rowVector = Workload.gemm("x W", bench.driver(), 1, n, k, x, w, null, Workload.Issue.SEQUENCER,
          MAX_CYCLES);
      // The same numbers, W transposed: W^T[j][i] = W[i][j].
      byte[] wt = new byte[k * n];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < n; j++) {
          wt[j * k + i] = w[i * n + j];
        }
      }
      Workload weightRows = Workload.gemm("W^T x^T", bench.driver(), n, 1, k, wt, x, null, Workload.Issue.SEQUENCER,
          MAX_CYCLES);
      for (Workload v : java.util.List.of(rowVector, weightRows)) {
        System.out.printf("| %d x %d | %s | %,d | %,d | %,d | %.1f %% | %s | %s | %s |%n", n, k,
            v == rowVector ? "x[1 x K] as the input row" : "W^T[N x K] rows as inputs", v.cycles(), bytes, bound,
            100.0 * bound / v.cycles(), share(v, "stall_compute_tokens"), share(v, "stall_axi_read"), verdict(v));
      }
    }
  }

  /** ResNet-18's 3 x 3 stages (one layer each), im2col on the host, int8 output with per-channel requantisation. */
  private static void conv(Bench bench) {
    AcceleratorShape shape = bench.driver().shape();
    System.out.println("\n### ResNet-18 3 x 3 convolutions (int8, per-channel requantisation, data in DRAM)\n");
    System.out.println("| layer | im2col M x N x K | cycles | PE utilization | DMA read | DMA written | result |");
    System.out.println("|---|---|---|---|---|---|---|");
    Map<String, Conv2dGeometry> layers = new LinkedHashMap<>();
    layers.put("conv2_x 56x56x64", Conv2dGeometry.same(56, 56, 64, 64, 3, 3, 1));
    layers.put("conv3_x 28x28x128", Conv2dGeometry.same(28, 28, 128, 128, 3, 3, 1));
    layers.put("conv4_x 14x14x256", Conv2dGeometry.same(14, 14, 256, 256, 3, 3, 1));
    layers.put("conv5_x 7x7x512", Conv2dGeometry.same(7, 7, 512, 512, 3, 3, 1));
    long macs = 0;
    long slots = 0;
    for (Map.Entry<String, Conv2dGeometry> layer : layers.entrySet()) {
      Workload w = conv(bench.driver(), layer.getKey(), layer.getValue());
      macs += w.macs();
      slots += (long) shape.arrayRows() * shape.arrayCols() * w.cycles();
      System.out.printf("| %s | %d x %d x %d | %,d | %.1f %% | %,d B | %,d B | %s |%n", w.name(), w.m(), w.n(), w.k(),
          w.cycles(), 100 * w.utilization(shape), w.run().counter("dma_read_bytes"),
          w.run().counter("dma_write_bytes"), verdict(w));
    }
    System.out.printf("%nOverall: %.1f %% of the array's MAC slots did useful work.%n", 100.0 * macs / slots);
  }

  /** 16 x 16 to 64 x 64 with the scratchpad, accumulator and bus scaled alike: speedup on one GEMM. */
  private static void scaling(Path work) throws IOException {
    System.out.println("\n### Scaling: the array with its memories and bus (GEMM 512 x 512 x 512, int32)\n");
    System.out.println("| array | bus | scratchpad / accumulator | Verilator build | cycles | speedup | speedup / (area x)"
        + " | result |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    long base = 0;
    for (int side : new int[] {16, 32, 64}) {
      int scale = side / 16;
      Map<String, String> p = Map.of("rows", "" + side, "cols", "" + side, "dataWidth", "" + 128 * scale,
          "spRows", "" + 4096, "accRows", "" + 512 * scale);
      try (Bench bench = Bench.start(work, p, 64 << 20)) {
        Workload w = gemm(bench.driver(), 512, 512, 512, Workload.Issue.SEQUENCER);
        base = side == 16 ? w.cycles() : base;
        double speedup = (double) base / w.cycles();
        System.out.printf("| %d x %d | %d bits | %d KiB / %d KiB | %.0f s | %,d | %.2f | %.2f | %s |%n", side, side,
            128 * scale, 4 * 4096 * side / 1024, 2 * 512 * scale * side * 4 / 1024, bench.buildSeconds(), w.cycles(),
            speedup, speedup / (scale * scale), verdict(w));
      }
    }
  }

  /** An int8 x int8 -> int32 GEMM of random operands. */
  private static Workload gemm(AcceleratorDriver driver, int m, int n, int k, Workload.Issue issue) {
    return Workload.gemm("GEMM", driver, m, n, k, randomBytes(m * k), randomBytes(k * n), null, issue, MAX_CYCLES);
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static Workload conv(AcceleratorDriver driver, String name, Conv2dGeometry g) {
    LoweredLayer lowered = LayerLowering.conv2d(SampleLayers.conv2d(g, RANDOM), SampleLayers.input(g, RANDOM));
    return Workload.gemm(name, driver, lowered.m(), lowered.n(), lowered.k(), lowered.a(), lowered.b(),
        lowered.output(), Workload.Issue.HOST_PROGRAM, MAX_CYCLES);
  }

  /** A counter as a share of the run's cycles. */
  private static String share(Workload w, String counter) {
    return String.format("%.1f %%", 100.0 * w.run().counter(counter) / w.cycles());
  }

  private static String verdict(Workload w) {
    return w.exact() ? "exact" : "MISMATCH";
  }
}
