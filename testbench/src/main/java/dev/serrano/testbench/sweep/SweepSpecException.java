package dev.serrano.testbench.sweep;

/** A sweep file that cannot be read or holds a value the runner cannot use; the message names the field. */
public class SweepSpecException extends RuntimeException {
  public SweepSpecException(String message) {
    super(message);
  }

  public SweepSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
