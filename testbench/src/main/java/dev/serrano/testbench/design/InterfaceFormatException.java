package dev.serrano.testbench.design;

/** The interface JSON is missing a field or holds a value the bridge cannot use. */
public class InterfaceFormatException extends RuntimeException {
  public InterfaceFormatException(String message) {
    super(message);
  }

  public InterfaceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
