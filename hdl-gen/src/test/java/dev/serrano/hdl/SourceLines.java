package dev.serrano.hdl;

/** The line of the caller, so that tests can state where a builder call was made without copying numbers. */
public final class SourceLines {
  private SourceLines() {}

  public static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getLineNumber());
  }
}
