package dev.serrano.testbench.sim;

/** The design executed {@code $finish}. */
public class SimulationFinishedException extends SimulationException {
  public SimulationFinishedException(String message) {
    super(message);
  }
}
