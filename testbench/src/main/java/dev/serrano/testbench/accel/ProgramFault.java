package dev.serrano.testbench.accel;

/** A program the hardware would not run to the end: a deadlock or a token lost to saturation. */
public final class ProgramFault extends IllegalStateException {
  public ProgramFault(String message) {
    super(message);
  }
}
