package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.SourceLocation;

/** Finds the user's builder call: the first stack frame outside this package and the JDK (lambdas run in it). */
final class CallSite {
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final String BUILDER_PACKAGE = CallSite.class.getPackageName() + ".";

  private CallSite() {}

  static SourceLocation here() {
    return WALKER.walk(frames -> frames
        .filter(f -> !f.getClassName().startsWith(BUILDER_PACKAGE) && !f.getClassName().startsWith("java."))
        .findFirst()
        .map(f -> new SourceLocation(f.getFileName(), f.getLineNumber()))
        .orElse(SourceLocation.UNKNOWN));
  }
}
