package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.lib.array.Dataflow;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.AcceleratorShape;
import dev.serrano.testbench.accel.GemmTiler;
import dev.serrano.testbench.accel.Workload;
import dev.serrano.testbench.array.PeArrayDriver;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.model.GemmReference;
import dev.serrano.testbench.model.ScaleSimModel;
import dev.serrano.testbench.sim.Simulation;
import java.util.Arrays;
import java.util.Map;

/**
 * The simulation of one generated configuration, running the sweep's GEMMs one after the other and
 * measuring each. One kind per top a sweep can run: the {@code accelerator} (the whole system, WS,
 * through its GEMM sequencer) and the {@code pe_array} on its own (WS or OS, as SCALE-Sim models an
 * array fed from its buffers, with no main memory).
 */
sealed interface PointBench extends AutoCloseable {
  /** The tops a sweep configuration may name with the {@code top} parameter; the first is the default. */
  java.util.List<String> TOPS = java.util.List.of("accelerator", "pe_array");

  /** Runs C = A B (int8 operands, row-major A M x K and B K x N) and measures it. */
  PointResult.Measurement measure(SweepSpec.Gemm gemm, byte[] a, byte[] b, long maxCycles, EnergyTable table);

  @Override
  void close();

  /** Builds (or finds in the cache) and starts the simulation of {@code design}, a {@code top}. */
  static PointBench start(String top, DesignInterface design, Map<String, String> parameters, long memoryBytes) {
    return switch (top) {
      case "accelerator" -> AcceleratorBench.start(design, memoryBytes);
      case "pe_array" -> ArrayBench.start(design, parameters);
      default -> throw new IllegalArgumentException("top must be one of " + TOPS + ", got \"" + top + "\"");
    };
  }

  /** {@code design}'s simulation after {@code setup}; closed again if the setup fails. */
  private static Simulation started(DesignInterface design, java.util.function.Consumer<Simulation> setup) {
    Simulation sim = Simulation.start(design);
    try {
      setup.accept(sim);
      return sim;
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** Useful MACs per MAC slot of the folds a GEMM maps to: the spatial part of utilization. */
  static double mappingUtilization(boolean os, int rows, int cols, int m, int n, int k) {
    long mapped = os ? ceilTo(m, rows) * ceilTo(n, cols) : ceilTo(k, rows) * ceilTo(n, cols);
    return (os ? (double) m * n : (double) k * n) / mapped;
  }

  private static long ceilTo(long value, long step) {
    return (value + step - 1) / step * step;
  }

  /** The accelerator top: a GEMM through the sequencer with int32 results, checked against the reference. */
  record AcceleratorBench(Simulation sim) implements PointBench {
    static AcceleratorBench start(DesignInterface design, long memoryBytes) {
      return new AcceleratorBench(started(design, sim -> {
        sim.axi("m_axi").memory(0, memoryBytes);
        sim.reset(4);
      }));
    }

    @Override
    public PointResult.Measurement measure(SweepSpec.Gemm gemm, byte[] a, byte[] b, long maxCycles,
        EnergyTable table) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      AcceleratorShape shape = driver.shape();
      int m = gemm.m();
      int n = gemm.n();
      int k = gemm.k();
      // The sequencer runs the schedule the tiler builds for the same arguments, so the tiler counts its preloads.
      long preloads = GemmTiler.tile(shape, Workload.spec(m, n, k, null), driver.maxTokens()).expectedTraffic()
          .preloads();
      Workload run = Workload.gemm(gemm.name(), driver, m, n, k, a, b, null, Workload.Issue.SEQUENCER, maxCycles);
      ActionCounts counts = ActionCounts.ofGemm(shape, m, n, k, run.run(), preloads);
      Energy energy = new EnergyModel(table, shape).energy(counts);
      Roofline roofline = Roofline.of(gemm.macs(), run.run());
      PointResult.Traffic traffic = new PointResult.Traffic(
          (counts.scratchpadReadBits() + counts.accumulatorReadBits()) / 8,
          (counts.scratchpadWriteBits() + counts.accumulatorWriteBits()) / 8, roofline.dramReadBytes(),
          roofline.dramWriteBytes(), roofline.arithmeticIntensity(), roofline.boundCycles(shape),
          roofline.bound(shape).name().toLowerCase(java.util.Locale.ROOT));
      long model = ScaleSimModel.wsCycles(shape.arrayRows(), shape.arrayCols(), m, n, k);
      return new PointResult.Measurement("ws", run.cycles(), model, run.cycles() - model, run.utilization(shape),
          mappingUtilization(false, shape.arrayRows(), shape.arrayCols(), m, n, k), run.exact(), traffic,
          PointResult.EnergyFigures.of(energy), run.run().counters());
    }

    @Override
    public void close() {
      sim.close();
    }
  }

  /**
   * The PE array on its own, driven cycle by cycle by {@link PeArrayDriver} in its configured
   * dataflow. Operand bytes are cut to the configured input and weight widths. Its buffers are
   * priced as the default accelerator's banks (64 KiB scratchpad, 32 KiB accumulator per bank).
   */
  record ArrayBench(Simulation sim, ArrayConfig config) implements PointBench {
    static ArrayBench start(DesignInterface design, Map<String, String> parameters) {
      ArrayConfig config = Catalog.arrayConfig(parameters);
      if (config.dataflow() == Dataflow.BOTH) {
        throw new IllegalArgumentException("dataflow must be ws or os for a sweep point (a point runs one"
            + " dataflow; sweep \"dataflow\": [\"ws\", \"os\"] for both), got both");
      }
      return new ArrayBench(started(design, sim -> sim.reset(2)), config);
    }

    @Override
    public PointResult.Measurement measure(SweepSpec.Gemm gemm, byte[] a, byte[] b, long maxCycles,
        EnergyTable table) {
      int m = gemm.m();
      int n = gemm.n();
      int k = gemm.k();
      int rows = config.rows();
      int cols = config.cols();
      boolean os = config.dataflow() == Dataflow.OS;
      long[][] left = operand(a, m, k, config.input());
      long[][] right = operand(b, k, n, config.weight());
      long model = os ? ScaleSimModel.osCycles(rows, cols, m, n, k) : ScaleSimModel.wsCycles(rows, cols, m, n, k);
      if (model > maxCycles) {
        throw new IllegalArgumentException("the GEMM needs about " + model + " cycles, above the limit of "
            + maxCycles);
      }
      PeArrayDriver driver = new PeArrayDriver(sim, config, 0, 0);
      sim.reset(2);
      PeArrayDriver.Result result = os ? driver.runOs(left, right) : driver.runWs(left, right, null);
      boolean exact = Arrays.deepEquals(result.c(), GemmReference.gemm(left, right, null, driver.arithmetic()));
      ActionCounts counts = ActionCounts.ofArrayGemm(os, rows, cols, config.input().width(),
          config.weight().width(), config.accWidth(), m, n, k);
      AcceleratorShape d = AcceleratorShape.defaults();
      AcceleratorShape banks = new AcceleratorShape(rows, cols, d.spBanks(), d.spRowsPerBank(), d.accBanks(),
          d.accRowsPerBank(), d.busBytes());
      Energy energy = new EnergyModel(table, banks).energy(counts);
      long slots = (long) rows * cols;
      PointResult.Traffic traffic = new PointResult.Traffic(
          (counts.scratchpadReadBits() + counts.accumulatorReadBits()) / 8, counts.accumulatorWriteBits() / 8, 0, 0,
          null, (gemm.macs() + slots - 1) / slots, "compute");
      return new PointResult.Measurement(os ? "os" : "ws", result.cycles(), model, result.cycles() - model,
          (double) gemm.macs() / ((double) result.cycles() * slots), mappingUtilization(os, rows, cols, m, n, k),
          exact, traffic, PointResult.EnergyFigures.of(energy), Map.of());
    }

    /** Row-major bytes as a matrix of the type's values: the low bits, sign-extended when signed. */
    private static long[][] operand(byte[] bytes, int rows, int cols, ElementType type) {
      long[][] matrix = new long[rows][cols];
      int shift = 64 - type.width();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          long bits = bytes[r * cols + c] & ((1L << Math.min(8, type.width())) - 1);
          matrix[r][c] = type.signed() ? bits << shift >> shift : bits;
        }
      }
      return matrix;
    }

    @Override
    public void close() {
      sim.close();
    }
  }
}
