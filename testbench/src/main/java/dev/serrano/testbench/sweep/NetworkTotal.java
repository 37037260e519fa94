package dev.serrano.testbench.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One network's figures on one configuration: the sums of its layers' points. A total exists only
 * when every layer of the network ran on the configuration without failing, so it never passes off
 * part of a network as the whole.
 *
 * @param key {@code CONFIGURATION@NETWORK}
 * @param parameters the configuration's swept parameters, in the spec's order
 * @param network the network's name
 * @param layers how many layers (points) were summed
 * @param macs useful MACs, the sum of M N K
 * @param cycles the layers' cycles, summed; {@code scaleSimCycles} their closed forms
 * @param exact whether every layer's output equals the reference
 * @param area the configuration's (the same for every layer); null when not synthesized
 * @param traffic bytes and roofline cycles summed; the arithmetic intensity over the whole network;
 *     no single bound ({@code bound} null), since layers may sit under different roofs
 * @param energy summed picojoules by part; pJ per MAC and TOPS/W over the whole network
 * @param counters every counter summed over the layers, by name
 */
public record NetworkTotal(String key, Map<String, String> parameters, String network, int layers, long macs,
    long cycles, long scaleSimCycles, boolean exact, Area area, PointResult.Traffic traffic,
    PointResult.EnergyFigures energy, Map<String, Long> counters) {
  public NetworkTotal {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
  }

  /** The totals of every complete network, configuration by configuration, networks in the spec's order. */
  public static List<NetworkTotal> of(SweepSpec spec, List<PointResult> results) {
    Map<String, PointResult> byKey = new HashMap<>();
    results.forEach(result -> byKey.put(result.key(), result));
    List<NetworkTotal> totals = new ArrayList<>();
    for (SweepSpec.Configuration configuration : spec.configurations()) {
      for (String network : spec.networks()) {
        List<PointResult> layers = new ArrayList<>();
        for (SweepSpec.Gemm gemm : spec.workloads()) {
          if (network.equals(gemm.network())) {
            layers.add(byKey.get(new SweepSpec.Point(configuration, gemm).key()));
          }
        }
        if (layers.stream().allMatch(layer -> layer != null && !layer.failed())) {
          totals.add(sum(configuration.name() + "@" + network, configuration.parameters(), network, layers));
        }
      }
    }
    return totals;
  }

  private static NetworkTotal sum(String key, Map<String, String> parameters, String network,
      List<PointResult> layers) {
    long macs = 0;
    long cycles = 0;
    long model = 0;
    boolean exact = true;
    long sramRead = 0;
    long sramWrite = 0;
    long dramRead = 0;
    long dramWrite = 0;
    long roofline = 0;
    double mac = 0;
    double scratchpad = 0;
    double accumulator = 0;
    double dram = 0;
    Map<String, Long> counters = new TreeMap<>();
    for (PointResult layer : layers) {
      PointResult.Measurement m = layer.measurement();
      macs += (long) layer.m() * layer.n() * layer.k();
      cycles += m.cycles();
      model += m.scaleSimCycles();
      exact &= m.exact();
      sramRead += m.traffic().sramReadBytes();
      sramWrite += m.traffic().sramWriteBytes();
      dramRead += m.traffic().dramReadBytes();
      dramWrite += m.traffic().dramWriteBytes();
      roofline += m.traffic().rooflineCycles();
      mac += m.energy().macPj();
      scratchpad += m.energy().scratchpadPj();
      accumulator += m.energy().accumulatorPj();
      dram += m.energy().dramPj();
      m.counters().forEach((name, value) -> counters.merge(name, value, Long::sum));
    }
    long dramBytes = dramRead + dramWrite;
    PointResult.Traffic traffic = new PointResult.Traffic(sramRead, sramWrite, dramRead, dramWrite,
        dramBytes == 0 ? null : (double) macs / dramBytes, roofline, null);
    double total = mac + scratchpad + accumulator + dram;
    // As Energy defines them: per useful MAC, and 2 operations per MAC.
    PointResult.EnergyFigures energy = new PointResult.EnergyFigures(mac, scratchpad, accumulator, dram, total,
        total / macs, 2.0 * macs / total, 2.0 * macs / (mac + scratchpad + accumulator));
    return new NetworkTotal(key, parameters, network, layers.size(), macs, cycles, model, exact,
        layers.get(0).area(), traffic, energy, counters);
  }
}
