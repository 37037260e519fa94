package dev.serrano.testbench.build;

/** A tool (Verilator, make, the C++ compiler) failed; the message carries its log. */
public class BuildException extends RuntimeException {
  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
