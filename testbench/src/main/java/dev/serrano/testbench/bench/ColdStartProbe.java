package dev.serrano.testbench.bench;

import com.sun.jna.Native;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationOptions;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link SimBenchmark}: times JNA's start-up (loading its native library,
 * then also binding the dispatcher), then a simulation start on a warm cache up to the end of its
 * first cycle. Arguments: cache folder, interface JSON. Prints the three times in seconds.
 */
public final class ColdStartProbe {

  private ColdStartProbe() {}

  public static void main(String[] args) {
    DesignInterface design = DesignInterface.read(Path.of(args[1]));
    SimulationOptions options = SimulationOptions.defaults().withCache(new SimulationCache(Path.of(args[0])));
    long start = System.nanoTime();
    int pointerSize = Native.POINTER_SIZE;  // loads JNA's native library
    long jnaLoaded = System.nanoTime();
    Simulation.prepare(options.cache());
    long jnaReady = System.nanoTime();
    try (Simulation sim = Simulation.start(design, options)) {
      sim.step();
    }
    long firstCycle = System.nanoTime();
    System.out.println((jnaLoaded - start) / 1e9 + " " + (jnaReady - jnaLoaded) / 1e9 + " "
        + (firstCycle - jnaReady) / 1e9 + " " + pointerSize);
  }
}
