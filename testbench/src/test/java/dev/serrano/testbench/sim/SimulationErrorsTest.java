package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every misuse of a simulation is a Java exception with a message that names the problem. */
class SimulationErrorsTest {

  @Test
  void unknownPortListsTheKnownOnes() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      assertMessage(IllegalArgumentException.class, () -> sim.port("cnt"),
          "design counter has no port \"cnt\"; its ports are clk, rst, enable, limit, count, at_limit");
    }
  }

  @Test
  void valuesWiderThanThePortAreRejected() {
    try (Simulation sim = Simulation.start(TestDesigns.load("port_widths"))) {
      assertMessage(IllegalArgumentException.class, () -> sim.port("in_u8").set(256),
          "value 256 is wider than port in_u8 (unsigned 8 bits, 0..255)");
      assertMessage(IllegalArgumentException.class, () -> sim.port("in_s8").set(128),
          "value 128 is wider than port in_s8 (signed 8 bits, -128..127)");
      assertMessage(IllegalArgumentException.class, () -> sim.port("in_u8").set(-1),
          "value -1 is wider than port in_u8 (unsigned 8 bits, 0..255)");
      assertMessage(IllegalArgumentException.class, () -> sim.port("in_u65").set(BigInteger.ONE.shiftLeft(65)),
          "value 36893488147419103232 is wider than port in_u65");
      assertMessage(IllegalArgumentException.class, () -> sim.port("in_u65").setWords(new int[] {0, 0, 2}),
          "value wider than port in_u65 (65 bits): word 2 is 0x2");
      assertMessage(IllegalStateException.class, () -> sim.port("in_u65").get(),
          "port in_u65 has 65 bits; read it with getBigInteger() or getWords()");
    }
  }

  @Test
  void outputsAndTheClockCannotBeWritten() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      assertMessage(IllegalStateException.class, () -> sim.port("count").set(3),
          "port count of counter is an output and cannot be written");
      assertMessage(IllegalStateException.class, () -> sim.port("clk").set(1),
          "port clk is the clock; it is driven by step()");
    }
  }

  @Test
  void useAfterCloseFailsForPortsAndSteps() {
    Simulation sim = Simulation.start(TestDesigns.load("counter"));
    Port count = sim.port("count");
    sim.close();
    sim.close();  // idempotent
    assertMessage(IllegalStateException.class, count::get, "simulation of counter is closed");
    assertMessage(IllegalStateException.class, sim::step, "simulation of counter is closed");
  }

  @Test
  void onlyTheOwnerThreadMayDriveASimulation() throws InterruptedException {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      CompletableFuture<Void> other = CompletableFuture.runAsync(sim::step);
      ExecutionException e = assertThrows(ExecutionException.class, other::get);
      assertTrue(e.getCause().getMessage().contains("belongs to thread"), e.getCause().getMessage());
      assertEquals(0, sim.cycle());
    }
  }

  @Test
  void combinationalDesignsCannotBeSteppedAndDesignsWithoutResetCannotBeReset() {
    try (Simulation sim = Simulation.start(TestDesigns.load("port_widths"))) {
      assertMessage(IllegalStateException.class, sim::step, "design port_widths has no clock; use eval()");
      assertMessage(IllegalStateException.class, () -> sim.reset(1), "design port_widths has no reset port");
    }
  }

  private static void assertMessage(Class<? extends Throwable> type, Executable action, String expected) {
    Throwable e = assertThrows(type, action);
    assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
  }
}
