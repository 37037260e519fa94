package dev.serrano.testbench.sim;

import dev.serrano.testbench.build.BuildProfile;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.build.TraceKind;
import java.nio.file.Path;

/**
 * How to start a simulation.
 *
 * @param waveFile waveform to write ({@code .vcd} or {@code .fst}), or null for none
 * @param tapeFile file recording every input write and step, replayable outside Java by the
 *     workspace's {@code rebuild.sh}, or null for none
 * @param seed seed of the model's random initial values
 * @param cache where built libraries are kept
 * @param buildProfile how the library's C++ is compiled (build time against simulation speed)
 */
public record SimulationOptions(Path waveFile, Path tapeFile, long seed, SimulationCache cache,
    BuildProfile buildProfile) {

  public static SimulationOptions defaults() {
    return new SimulationOptions(null, null, 0, SimulationCache.defaultCache(), BuildProfile.FAST_SIMULATION);
  }

  public SimulationOptions withWaves(Path file) {
    return new SimulationOptions(file, tapeFile, seed, cache, buildProfile);
  }

  public SimulationOptions withTape(Path file) {
    return new SimulationOptions(waveFile, file, seed, cache, buildProfile);
  }

  public SimulationOptions withSeed(long newSeed) {
    return new SimulationOptions(waveFile, tapeFile, newSeed, cache, buildProfile);
  }

  public SimulationOptions withCache(SimulationCache newCache) {
    return new SimulationOptions(waveFile, tapeFile, seed, newCache, buildProfile);
  }

  public SimulationOptions withBuildProfile(BuildProfile profile) {
    return new SimulationOptions(waveFile, tapeFile, seed, cache, profile);
  }

  TraceKind traceKind() {
    return waveFile == null ? TraceKind.NONE : TraceKind.forWaveFile(waveFile);
  }
}
