package dev.serrano.hdl.ir;

/** Where a builder call was made: a Java file name (no folder, so output never depends on paths) and a line. */
public record SourceLocation(String file, int line) {
  public static final SourceLocation UNKNOWN = new SourceLocation("unknown", 0);

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
