package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import dev.serrano.testbench.build.BuildProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterSimulationTest {

  @Test
  void countsEnabledCyclesAfterReset() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.reset(2);
      assertEquals(0, sim.port("count").get());
      sim.port("enable").set(1);
      sim.step(1000);
      assertEquals(1000, sim.port("count").get());
      sim.port("enable").set(0);
      sim.step(5);
      assertEquals(1000, sim.port("count").get());
      assertEquals(1007, sim.cycle(), "2 reset cycles + 1000 + 5");
    }
  }

  @Test
  void aFastBuildIsItsOwnCacheEntryCompiledWithoutOptimisationAndCountsTheSame() throws IOException {
    SimulationOptions fastBuild = SimulationOptions.defaults().withBuildProfile(BuildProfile.FAST_BUILD);
    try (Simulation optimised = Simulation.start(TestDesigns.load("counter"));
        Simulation unoptimised = Simulation.start(TestDesigns.load("counter"), fastBuild)) {
      assertNotEquals(optimised.workspace(), unoptimised.workspace());
      assertTrue(Files.readString(optimised.workspace().resolve("rebuild.sh")).contains("OPT_FAST=-O2"));
      String rebuild = Files.readString(unoptimised.workspace().resolve("rebuild.sh"));
      assertTrue(rebuild.contains("OPT_FAST=-O0") && !rebuild.contains("-O2 "), rebuild);
      for (Simulation sim : List.of(optimised, unoptimised)) {
        sim.reset(2);
        sim.port("enable").set(1);
        sim.step(777);
      }
      assertEquals(777, unoptimised.port("count").get());
      assertEquals(optimised.port("count").get(), unoptimised.port("count").get());
    }
  }

  @Test
  void runUntilStopsAtTheConditionNatively() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.reset(1);
      sim.port("limit").set(37);
      sim.port("enable").set(1);
      sim.eval();
      long cycles = sim.runUntil(sim.port("at_limit").is(1), 100);
      assertEquals(37, cycles);
      assertEquals(37, sim.port("count").get());
    }
  }

  @Test
  void runUntilNamesTheConditionAndCycleWhenItTimesOut() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.reset(1);
      sim.port("limit").set(500);
      sim.port("enable").set(1);
      SimulationException e = assertThrows(SimulationException.class,
          () -> sim.runUntil(sim.port("at_limit").is(1), 20));
      assertTrue(e.getMessage().contains("at_limit == 1"), e.getMessage());
      assertTrue(e.getMessage().contains("gave up at cycle 21"), e.getMessage());
    }
  }

  @Test
  void callbacksSeeEveryCycleAndCanDriveInputs() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.reset(1);
      Port enable = sim.port("enable");
      Port count = sim.port("count");
      List<Long> seen = new ArrayList<>();
      sim.onCycle(cycle -> {
        seen.add(count.get());
        enable.set(cycle % 2);  // enabled on every other cycle
      });
      sim.step(6);
      // cycle 2 runs with enable=0 (from reset), 3 with 0 (set after cycle 2), 4 with 1, ...
      assertEquals(List.of(0L, 0L, 1L, 1L, 2L, 2L), seen);
    }
  }
}
