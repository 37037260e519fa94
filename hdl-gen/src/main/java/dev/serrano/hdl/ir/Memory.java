package dev.serrano.hdl.ir;

import java.util.List;

/**
 * A word-addressed memory written so that Yosys and FPGA tools infer block RAM: synchronous writes,
 * synchronous reads into a data register, one write port.
 */
public record Memory(
    String name,
    Type word,
    int depth,
    List<MemoryWrite> writes,
    List<MemoryRead> reads,
    SourceLocation source) {

  public Memory {
    writes = List.copyOf(writes);
    reads = List.copyOf(reads);
  }

  /** Address width: enough bits to index every word (at least one). */
  public int addressWidth() {
    return addressWidth(depth);
  }

  public static int addressWidth(int depth) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
  }
}
