package dev.serrano.testbench.sim;

/** An AXI4 RRESP/BRESP value. The memory model answers OKAY, SLVERR or DECERR (never EXOKAY). */
public enum AxiResponse {
  OKAY,
  EXOKAY,
  SLVERR,
  DECERR;

  /** The two-bit encoding. */
  public int code() {
    return ordinal();
  }

  public static AxiResponse of(long code) {
    return values()[(int) code];
  }
}
