package dev.serrano.testbench.sim;

/** A simulation could not go on: the model stopped, failed, or a condition was not reached. */
public class SimulationException extends RuntimeException {
  public SimulationException(String message) {
    super(message);
  }
}
