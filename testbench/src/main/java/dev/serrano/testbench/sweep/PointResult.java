package dev.serrano.testbench.sweep;

import dev.serrano.testbench.accel.AcceleratorShape;
import dev.serrano.testbench.accel.Workload;
import dev.serrano.testbench.model.ScaleSimModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one sweep point (a configuration running a workload) gave: its measurement, or the reason it
 * failed. Everything but {@code timing} depends only on the point, so reruns, shards and merges give
 * the same data; the wall-clock times are kept apart in {@code timing}.
 *
 * @param key the point's stable name ({@link SweepSpec.Point#key()})
 * @param parameters the configuration's swept parameters, in the spec's order
 * @param workload the workload's name; {@code m}, {@code n}, {@code k} its shape
 * @param measurement null when the point failed
 * @param error why the point failed (the generator's, the build's or the run's message); null when it ran
 * @param timing wall-clock seconds, the only field that differs between runs of the same point
 */
public record PointResult(String key, Map<String, String> parameters, String workload, int m, int n, int k,
    Measurement measurement, String error, Timing timing) {
  public PointResult {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if ((measurement == null) == (error == null)) {
      throw new IllegalArgumentException("a point has a measurement or an error, not both and not neither: " + key);
    }
  }

  /**
   * The figures of a run.
   *
   * @param cycles from the first command write to the closing FENCE
   * @param scaleSimWsCycles SCALE-Sim's stall-free weight-stationary closed form for the same array and GEMM
   * @param cyclesMinusScaleSim measured minus closed form: the cycles the model does not see (DMA, stalls)
   * @param peUtilization useful MACs per array MAC slot over the run
   * @param exact whether every output element equals the Java reference
   * @param energy from the run's action counts and the energy table
   * @param counters every performance counter's change over the run, by name
   */
  public record Measurement(long cycles, long scaleSimWsCycles, long cyclesMinusScaleSim, double peUtilization,
      boolean exact, EnergyFigures energy, Map<String, Long> counters) {
    public Measurement {
      counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    static Measurement of(AcceleratorShape shape, Workload run, Energy energy) {
      long model = ScaleSimModel.wsCycles(shape.arrayRows(), shape.arrayCols(), run.m(), run.n(), run.k());
      return new Measurement(run.cycles(), model, run.cycles() - model, run.utilization(shape), run.exact(),
          EnergyFigures.of(energy), run.run().counters());
    }
  }

  /** An {@link Energy} as stored: picojoules by part, and the figures derived from them. */
  public record EnergyFigures(double macPj, double scratchpadPj, double accumulatorPj, double dramPj,
      double totalPj, double picojoulesPerMac, double topsPerWatt) {
    static EnergyFigures of(Energy e) {
      return new EnergyFigures(e.macPj(), e.scratchpadPj(), e.accumulatorPj(), e.dramPj(), e.totalPj(),
          e.picojoulesPerMac(), e.topsPerWatt());
    }
  }

  /**
   * Wall-clock seconds.
   *
   * @param buildSeconds generating the configuration and building (or finding in the cache) the
   *     simulation the point ran on, the same for the configuration's points that shared it
   * @param simulationSeconds running this point's program
   */
  public record Timing(double buildSeconds, double simulationSeconds) {}

  public boolean failed() {
    return measurement == null;
  }
}
