package dev.serrano.hdl.cli;

/** A problem with what the user asked for: reported in one line, exit code 2, nothing written. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
