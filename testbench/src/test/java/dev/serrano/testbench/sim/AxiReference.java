package dev.serrano.testbench.sim;

/**
 * A Java reference of AXI4 burst addressing, written from the AMBA AXI4 specification's
 * pseudocode (A3.4): the address and active byte lanes of beat N of a burst.
 */
final class AxiReference {

  private AxiReference() {}

  /** Address of beat {@code n} (0-based). */
  static long beatAddress(long start, int size, int len, int burst, int n) {
    long bytes = 1L << size;
    long aligned = start / bytes * bytes;
    if (burst == AxiManualMaster.FIXED || n == 0) {
      return start;
    }
    if (burst == AxiManualMaster.INCR) {
      return aligned + n * bytes;
    }
    long window = bytes * (len + 1);
    long boundary = start / window * window;
    long address = start + n * bytes;
    return address >= boundary + window ? address - window : address;
  }

  /** Active byte lanes of beat {@code n} as a bit mask, for a bus of {@code busBytes} bytes. */
  static long lanes(long start, int size, int len, int burst, int n, int busBytes) {
    long bytes = 1L << size;
    long address = beatAddress(start, size, len, burst, n);
    long alignedBeat = address / bytes * bytes;
    long lower = address - address / busBytes * busBytes;
    long upper = alignedBeat + bytes - 1 - address / busBytes * busBytes;
    long mask = 0;
    for (long lane = lower; lane <= upper; lane++) {
      mask |= 1L << lane;
    }
    return mask;
  }

  /** Address of byte lane 0 of the bus word holding {@code address}. */
  static long busWord(long address, int busBytes) {
    return address / busBytes * busBytes;
  }
}
