package dev.serrano.testbench.sim;

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
 */
public record SimulationOptions(Path waveFile, Path tapeFile, long seed, SimulationCache cache) {

  public static SimulationOptions defaults() {
    return new SimulationOptions(null, null, 0, SimulationCache.defaultCache());
  }

  public SimulationOptions withWaves(Path file) {
    return new SimulationOptions(file, tapeFile, seed, cache);
  }

  public SimulationOptions withTape(Path file) {
    return new SimulationOptions(waveFile, file, seed, cache);
  }

  public SimulationOptions withSeed(long newSeed) {
    return new SimulationOptions(waveFile, tapeFile, newSeed, cache);
  }

  public SimulationOptions withCache(SimulationCache newCache) {
    return new SimulationOptions(waveFile, tapeFile, seed, newCache);
  }

  TraceKind traceKind() {
    return waveFile == null ? TraceKind.NONE : TraceKind.forWaveFile(waveFile);
  }
}
