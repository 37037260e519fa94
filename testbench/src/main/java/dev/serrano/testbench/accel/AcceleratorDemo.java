package dev.serrano.testbench.accel;

import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The main job's demo ({@code scripts/run}): builds the generated accelerator in a folder with
 * Verilator, runs a GEMM and a quantised convolution through its registers, checks both against the
 * Java references and prints cycles, PE utilization, DMA bytes and GOPS at a stated clock. Exits
 * with status 1 if any result differs from its reference.
 */
public final class AcceleratorDemo {
  /** The clock the GOPS column assumes (a stated figure, not a timing result). */
  static final double CLOCK_MHZ = 500;
  private static final long SEED = 1;

  private AcceleratorDemo() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: AcceleratorDemo <folder with the generated accelerator>");
      System.exit(2);
    }
    DesignInterface design = DesignInterface.read(Path.of(args[0]), topName(Path.of(args[0])));
    long start = System.nanoTime();
    try (Simulation sim = Simulation.start(design)) {
      System.out.printf("built %s with Verilator in %.1f s%n", design.top(), (System.nanoTime() - start) / 1e9);
      sim.axi("m_axi").memory(0, 8 << 20);
      sim.reset(4);
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      Random random = new Random(SEED);
      List<Workload> runs = List.of(gemm(driver, random, 128, 128, 128), conv(driver, random));
      System.out.printf("%n%d x %d array, %d-byte bus, clock assumed %.0f MHz, data seed %d%n%n", shape.arrayRows(),
          shape.arrayCols(), shape.busBytes(), CLOCK_MHZ, SEED);
      System.out.println("| workload | M x N x K | cycles | PE utilization | DMA read | DMA written | GOPS | result |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      boolean allExact = true;
      for (Workload w : runs) {
        System.out.printf("| %s | %d x %d x %d | %,d | %.1f %% | %,d B | %,d B | %.1f | %s |%n", w.name(), w.m(), w.n(),
            w.k(), w.cycles(), 100 * w.utilization(shape), w.run().counter("dma_read_bytes"),
            w.run().counter("dma_write_bytes"), w.gops(CLOCK_MHZ), w.exact() ? "exact" : "MISMATCH");
        allExact &= w.exact();
      }
      long cycles = runs.stream().mapToLong(Workload::cycles).sum();
      double seconds = runs.stream().mapToDouble(Workload::simulationSeconds).sum();
      System.out.printf("%nsimulated %,d cycles in %.2f s of runs (%,.0f cycles/s, register traffic included)%n",
          cycles, seconds, cycles / seconds);
      if (!allExact) {
        System.err.println("a result differs from its reference");
        System.exit(1);
      }
    }
  }

  private static Workload gemm(AcceleratorDriver driver, Random random, int m, int n, int k) {
    byte[] a = new byte[m * k];
    byte[] b = new byte[k * n];
    random.nextBytes(a);
    random.nextBytes(b);
    return Workload.gemm("GEMM int8 -> int32 (GEMM sequencer)", driver, m, n, k, a, b, null, Workload.Issue.SEQUENCER,
        10_000_000);
  }

  /** A 3 x 3 convolution, 16 x 16 x 16 input, 32 channels out, SAME padding, per-channel requantisation. */
  private static Workload conv(AcceleratorDriver driver, Random random) {
    Conv2dGeometry g = Conv2dGeometry.same(16, 16, 16, 32, 3, 3, 1);
    Conv2dLayer layer = SampleLayers.conv2d(g, random);
    byte[] input = SampleLayers.input(g, random);
    LoweredLayer lowered = LayerLowering.conv2d(layer, input);
    Workload run = Workload.gemm("conv 3x3 16x16x16 -> 32, int8 (host program)", driver, lowered.m(), lowered.n(),
        lowered.k(), lowered.a(), lowered.b(), lowered.output(), Workload.Issue.HOST_PROGRAM, 10_000_000);
    // The run is checked against the im2col GEMM; the lowering itself against the direct convolution.
    byte[] direct = LayerReference.conv2d(layer, input);
    boolean exact = run.exact() && java.util.Arrays.equals(direct, Workload.reference(lowered.a(), lowered.b(),
        lowered.m(), lowered.n(), lowered.k(), lowered.output()));
    return new Workload(run.name(), run.m(), run.n(), run.k(), run.run(), run.simulationSeconds(), exact);
  }

  /** The accelerator's top in a generated folder: the one {@code accelerator_*.json}. */
  static String topName(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<String> tops = files.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("accelerator_") && name.endsWith(".json")).sorted().toList();
      if (tops.size() != 1) {
        throw new IllegalArgumentException(folder + " must hold one generated accelerator (accelerator_*.json), found "
            + tops);
      }
      return tops.get(0).substring(0, tops.get(0).length() - ".json".length());
    }
  }
}
