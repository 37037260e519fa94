package dev.serrano.testbench.sweep;

/** An energy table file that cannot be read or holds a field the model cannot use; the message names the field. */
public class EnergyTableException extends RuntimeException {
  public EnergyTableException(String message) {
    super(message);
  }

  public EnergyTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
