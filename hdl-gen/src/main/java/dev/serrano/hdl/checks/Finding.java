package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.SourceLocation;

/** One problem in a design: which check saw it, where (module.signal), what, and which builder call made it. */
public record Finding(String check, String path, String message, SourceLocation source) {
  @Override
  public String toString() {
    return "[" + check + "] " + path + ": " + message + " (at " + source + ")";
  }
}
