package dev.serrano.testbench.sim;

/**
 * What an {@link AxiMemoryModel} counted since the start or the last {@link AxiMemoryModel#resetCounters()}.
 *
 * @param readBursts AR handshakes
 * @param readBeats R handshakes
 * @param readBytes bytes in the active byte lanes of R beats answered OKAY
 * @param writeBursts AW handshakes
 * @param writeBeats W handshakes
 * @param writeBytes bytes written to the memory (strobed bytes of bursts answered OKAY)
 * @param readErrors read bursts answered SLVERR or DECERR (counted at the AR handshake)
 * @param writeErrors write bursts answered SLVERR or DECERR (counted at the AW handshake)
 * @param arStalls cycles with ARVALID high and ARREADY low
 * @param awStalls cycles with AWVALID high and AWREADY low
 * @param wStalls cycles with WVALID high and WREADY low
 * @param rStalls cycles with RVALID high and RREADY low (the master was not ready)
 * @param bStalls cycles with BVALID high and BREADY low (the master was not ready)
 * @param handshakesChecked AR, AW and W handshakes the protocol checker examined
 * @param stabilityChecks cycles in which a stalled AR, AW or W transfer was compared with the cycle before
 */
public record AxiCounters(
    long readBursts,
    long readBeats,
    long readBytes,
    long writeBursts,
    long writeBeats,
    long writeBytes,
    long readErrors,
    long writeErrors,
    long arStalls,
    long awStalls,
    long wStalls,
    long rStalls,
    long bStalls,
    long handshakesChecked,
    long stabilityChecks) {

  static final int COUNT = 15;

  static AxiCounters of(long[] c) {
    return new AxiCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
        c[14]);
  }

  /** Stall cycles of {@code channel} (VALID high, READY low). */
  public long stalls(AxiChannel channel) {
    return switch (channel) {
      case AR -> arStalls;
      case AW -> awStalls;
      case W -> wStalls;
      case R -> rStalls;
      case B -> bStalls;
    };
  }
}
