package dev.serrano.testbench.sweep;

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
 * @param area the configuration's synthesized size; null when the sweep asked for none or the
 *     configuration was not generated
 * @param measurement null when the point failed
 * @param error why the point failed (the generator's, the build's or the run's message); null when it ran
 * @param timing wall-clock seconds, the only field that differs between runs of the same point
 */
public record PointResult(String key, Map<String, String> parameters, String workload, int m, int n, int k,
    Area area, Measurement measurement, String error, Timing timing) {
  public PointResult {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if ((measurement == null) == (error == null)) {
      throw new IllegalArgumentException("a point has a measurement or an error, not both and not neither: " + key);
    }
  }

  /**
   * The figures of a run.
   *
   * @param dataflow {@code ws} or {@code os}: how the array ran the GEMM
   * @param cycles accelerator: from the first command write to the closing FENCE; PE array: from the
   *     first operand offered to the last result taken
   * @param scaleSimCycles SCALE-Sim's stall-free closed form for the same array, dataflow and GEMM
   * @param cyclesMinusScaleSim measured minus closed form: the cycles the model does not see (DMA, stalls)
   * @param peUtilization useful MACs per array MAC slot over the run
   * @param mappingUtilization the spatial part alone: useful MACs per slot of the folds the GEMM maps
   *     to (S_R S_C / (folds R C) in SCALE-Sim's terms), whatever the time between them
   * @param exact whether every output element equals the Java reference
   * @param traffic on-chip and main-memory traffic and the roofline
   * @param energy from the run's action counts and the energy table
   * @param counters every performance counter's change over the run, by name (none for a PE array)
   */
  public record Measurement(String dataflow, long cycles, long scaleSimCycles, long cyclesMinusScaleSim,
      double peUtilization, double mappingUtilization, boolean exact, Traffic traffic, EnergyFigures energy,
      Map<String, Long> counters) {
    public Measurement {
      counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }
  }

  /**
   * Bytes moved, and where the run sits on the roofline.
   *
   * @param sramReadBytes read from the on-chip SRAMs (scratchpad and accumulator, or the array's operand
   *     and partial-sum buffers)
   * @param sramWriteBytes written into them
   * @param dramReadBytes read over the main-memory bus (0 for a PE array on its own)
   * @param dramWriteBytes written over it
   * @param arithmeticIntensity useful MACs per main-memory byte; null without main-memory traffic
   * @param rooflineCycles the fewest cycles this traffic and the array's MACs per cycle allow
   * @param bound {@code compute} or {@code bandwidth}: the roof that sets {@code rooflineCycles}
   */
  public record Traffic(long sramReadBytes, long sramWriteBytes, long dramReadBytes, long dramWriteBytes,
      Double arithmeticIntensity, long rooflineCycles, String bound) {}

  /** An {@link Energy} as stored: picojoules by part, and the figures derived from them. */
  public record EnergyFigures(double macPj, double scratchpadPj, double accumulatorPj, double dramPj,
      double totalPj, double picojoulesPerMac, double topsPerWatt, double peSramTopsPerWatt) {
    static EnergyFigures of(Energy e) {
      return new EnergyFigures(e.macPj(), e.scratchpadPj(), e.accumulatorPj(), e.dramPj(), e.totalPj(),
          e.picojoulesPerMac(), e.topsPerWatt(), e.peSramTopsPerWatt());
    }
  }

  /**
   * Wall-clock seconds.
   *
   * @param buildSeconds generating the configuration and building (or finding in the cache) the
   *     simulation the point ran on, the same for the configuration's points that shared it
   * @param areaSeconds synthesizing the configuration (or finding its area in the cache)
   * @param simulationSeconds running this point's program
   */
  public record Timing(double buildSeconds, double areaSeconds, double simulationSeconds) {}

  public boolean failed() {
    return measurement == null;
  }
}
