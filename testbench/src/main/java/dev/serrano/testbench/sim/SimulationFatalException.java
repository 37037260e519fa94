package dev.serrano.testbench.sim;

/** The design executed {@code $fatal} or {@code $stop}, or the Verilator runtime hit a fatal error. */
public class SimulationFatalException extends SimulationException {
  public SimulationFatalException(String message) {
    super(message);
  }
}
