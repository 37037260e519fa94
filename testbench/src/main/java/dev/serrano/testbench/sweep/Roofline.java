package dev.serrano.testbench.sweep;

import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.AcceleratorShape;

/**
 * The roofline of a run: how many MACs it does per byte of main-memory traffic, and the fewest
 * cycles an array of R x C MACs per cycle behind a bus of {@code busBytes} per cycle could take.
 * AXI reads and writes travel on separate channels of {@code busBytes} each, so the memory bound
 * is the larger direction, not their sum.
 *
 * @param usefulMacs M x N x K
 * @param dramReadBytes {@code dma_read_bytes}
 * @param dramWriteBytes {@code dma_write_bytes}
 */
public record Roofline(long usefulMacs, long dramReadBytes, long dramWriteBytes) {
  /** Which roof a run sits under. */
  public enum Bound { COMPUTE, BANDWIDTH }

  public Roofline {
    if (usefulMacs < 1) {
      throw new IllegalArgumentException("usefulMacs must be from 1 to " + Long.MAX_VALUE + ", got " + usefulMacs);
    }
    if (dramReadBytes < 0 || dramWriteBytes < 0 || dramReadBytes + dramWriteBytes < 1) {
      throw new IllegalArgumentException("dramReadBytes and dramWriteBytes must be from 0 to " + Long.MAX_VALUE
          + " with at least 1 byte in all, got " + dramReadBytes + " and " + dramWriteBytes);
    }
  }

  /** From a run's DMA counters and the useful MACs of its workload. */
  public static Roofline of(long usefulMacs, AcceleratorDriver.Run run) {
    return new Roofline(usefulMacs, run.counter("dma_read_bytes"), run.counter("dma_write_bytes"));
  }

  /** Useful MACs per byte moved on the main-memory bus (both directions). */
  public double arithmeticIntensity() {
    return (double) usefulMacs / (dramReadBytes + dramWriteBytes);
  }

  /** Cycles with every MAC slot busy: ceil(MACs / (R x C)). */
  public long computeBoundCycles(AcceleratorShape shape) {
    return ceilDiv(usefulMacs, (long) shape.arrayRows() * shape.arrayCols());
  }

  /** Cycles with the busier bus channel moving {@code busBytes} every cycle. */
  public long bandwidthBoundCycles(AcceleratorShape shape) {
    return ceilDiv(Math.max(dramReadBytes, dramWriteBytes), shape.busBytes());
  }

  /** The roofline bound: no run of this workload's traffic on this shape takes fewer cycles. */
  public long boundCycles(AcceleratorShape shape) {
    return Math.max(computeBoundCycles(shape), bandwidthBoundCycles(shape));
  }

  public Bound bound(AcceleratorShape shape) {
    return computeBoundCycles(shape) >= bandwidthBoundCycles(shape) ? Bound.COMPUTE : Bound.BANDWIDTH;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
