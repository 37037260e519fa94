package dev.serrano.testbench.trace;

/** A trace folder that cannot be read: a missing file, malformed JSON, an unknown format or step. */
public final class TraceFormatException extends RuntimeException {
  public TraceFormatException(String message) {
    super(message);
  }

  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
