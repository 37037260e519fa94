package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import org.junit.jupiter.api.Test;

/** $finish and $fatal inside a design become Java exceptions; the JVM keeps running. */
class TerminationTest {

  @Test
  void finishBecomesAnExceptionNamingTheSourceLineAndCycle() {
    try (Simulation sim = Simulation.start(TestDesigns.load("terminator"))) {
      sim.reset(1);
      sim.step(10);
      sim.port("finish_now").set(1);
      SimulationFinishedException e = assertThrows(SimulationFinishedException.class, () -> sim.step(100));
      assertTrue(e.getMessage().contains("$finish at rtl/terminator.v:"), e.getMessage());
      assertTrue(e.getMessage().contains("cycle 11"), e.getMessage());
      assertEquals(11, sim.cycle(), "stopped at the rising edge that executed $finish");
      IllegalStateException after = assertThrows(IllegalStateException.class, sim::step);
      assertTrue(after.getMessage().contains("has ended"), after.getMessage());
    }
  }

  @Test
  void fatalBecomesAnExceptionCarryingTheDesignsMessage() {
    try (Simulation sim = Simulation.start(TestDesigns.load("terminator"))) {
      sim.reset(1);
      sim.step(4);
      sim.port("fatal_now").set(1);
      SimulationFatalException e = assertThrows(SimulationFatalException.class, () -> sim.step(100));
      assertTrue(e.getMessage().contains("terminator: fatal requested after 4 ticks"), e.getMessage());
      assertTrue(e.getMessage().contains("rtl/terminator.v:"), e.getMessage());
    }
  }

  @Test
  void aVerilatorRuntimeFatalErrorBecomesAnException() {
    try (Simulation sim = Simulation.start(TestDesigns.load("oscillator"))) {
      sim.port("enable").set(1);
      SimulationFatalException e = assertThrows(SimulationFatalException.class, sim::eval);
      assertTrue(e.getMessage().contains("Verilator fatal error"), e.getMessage());
      assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
      IllegalStateException after = assertThrows(IllegalStateException.class, sim::eval);
      assertTrue(after.getMessage().contains("has ended"), after.getMessage());
    }
  }

  @Test
  void anotherSimulationOfTheSameDesignIsUnaffectedByAFatal() {
    try (Simulation failing = Simulation.start(TestDesigns.load("terminator"));
         Simulation healthy = Simulation.start(TestDesigns.load("terminator"))) {
      failing.reset(1);
      healthy.reset(1);
      failing.port("fatal_now").set(1);
      assertThrows(SimulationFatalException.class, failing::step);
      healthy.step(20);
      assertEquals(20, healthy.port("ticks").get());
    }
  }
}
