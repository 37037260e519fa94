package dev.serrano.testbench.build;

/** Verilator, make or a C++ compiler is not installed; the message says how to install it. */
public class ToolMissingException extends BuildException {
  public ToolMissingException(String message) {
    super(message);
  }
}
