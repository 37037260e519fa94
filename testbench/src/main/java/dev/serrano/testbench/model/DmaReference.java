package dev.serrano.testbench.model;

import dev.serrano.testbench.dma.DmaDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * What a DMA transfer must do, from the engines' contract: main-memory row r (at
 * {@code address + r * stride}) corresponds to ceil(rowBytes / localRowBytes) consecutive local
 * rows from {@code localRow + r * that}, starting at a local row boundary. A load writes those
 * local rows whole, zero after the row's end; a store writes exactly the row's bytes.
 */
public final class DmaReference {
  private DmaReference() {}

  /** Local rows one main-memory row occupies. */
  public static int localRowsPerRow(DmaDescriptor d, int localRowBytes) {
    return (d.rowBytes() + localRowBytes - 1) / localRowBytes;
  }

  /**
   * Applies a load to {@code local} (rows of {@code localRowBytes} bytes, row-major, wrapping),
   * reading main memory through {@code mainByte}.
   */
  public static void load(DmaDescriptor d, LongToIntFunction mainByte, byte[] local, int localRowBytes) {
    int localRows = local.length / localRowBytes;
    int per = localRowsPerRow(d, localRowBytes);
    for (int r = 0; r < d.rows(); r++) {
      long rowAddress = d.address() + r * d.stride();
      for (int k = 0; k < per; k++) {
        int row = Math.floorMod(d.localRow() + r * per + k, localRows);
        for (int i = 0; i < localRowBytes; i++) {
          int offset = k * localRowBytes + i;
          local[row * localRowBytes + i] = offset < d.rowBytes() ? (byte) mainByte.applyAsInt(rowAddress + offset) : 0;
        }
      }
    }
  }

  /** Applies a store to {@code main} (main memory from address {@code mainBase}). */
  public static void store(DmaDescriptor d, byte[] local, int localRowBytes, byte[] main, long mainBase) {
    int localRows = local.length / localRowBytes;
    int per = localRowsPerRow(d, localRowBytes);
    for (int r = 0; r < d.rows(); r++) {
      long rowAddress = d.address() + r * d.stride();
      for (int offset = 0; offset < d.rowBytes(); offset++) {
        int row = Math.floorMod(d.localRow() + r * per + offset / localRowBytes, localRows);
        main[(int) (rowAddress + offset - mainBase)] = local[row * localRowBytes + offset % localRowBytes];
      }
    }
  }

  /**
   * One AXI burst: from the bus-aligned {@code address}, {@code beats} beats, carrying the bytes
   * {@code [first, end)} of one row.
   */
  public record Burst(long address, int beats, long first, long end) {
    /** Whether the burst's beats cover any byte of {@code [low, high)}. */
    public boolean touches(long low, long high, int busBytes) {
      return address < high && address + (long) beats * busBytes > low;
    }
  }

  /**
   * The bursts of a transfer, from the engines' rules: per row, from the aligned address below
   * the next byte, as long as possible without crossing a 4 KiB boundary, exceeding
   * {@code maxBurst} beats or passing the row's end.
   */
  public static List<Burst> bursts(DmaDescriptor d, int busBytes, int maxBurst) {
    List<Burst> bursts = new ArrayList<>();
    if (d.rowBytes() == 0) {
      return bursts;
    }
    for (int r = 0; r < d.rows(); r++) {
      long next = d.address() + r * d.stride();
      long rowEnd = next + d.rowBytes();
      while (next < rowEnd) {
        long aligned = next - Math.floorMod(next, busBytes);
        long pageEnd = (aligned / 4096 + 1) * 4096;
        long limit = Math.min(Math.min(pageEnd, aligned + (long) maxBurst * busBytes),
            rowEnd + busBytes - 1 - Math.floorMod(rowEnd + busBytes - 1, busBytes));
        int beats = (int) ((limit - aligned) / busBytes);
        long end = Math.min(rowEnd, limit);
        bursts.add(new Burst(aligned, beats, next, end));
        next = end;
      }
    }
    return bursts;
  }
}
