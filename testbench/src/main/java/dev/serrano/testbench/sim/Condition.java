package dev.serrano.testbench.sim;

/**
 * A condition checked natively after every cycle by {@link Simulation#runUntil}: the bits of
 * {@code port} selected by {@code mask} equal {@code value}. Ports up to 64 bits only.
 */
public record Condition(Port port, long mask, long value, String description) {

  public Condition {
    if (port.width() > 64) {
      throw new IllegalArgumentException("runUntil conditions need a port of at most 64 bits; "
          + port.name() + " has " + port.width());
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
