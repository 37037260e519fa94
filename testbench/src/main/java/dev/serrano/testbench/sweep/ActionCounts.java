package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.AcceleratorShape;

/**
 * What a run did, counted as the actions the energy table prices. SRAM traffic is in bits because
 * rows differ in width (a scratchpad row is max(R, C) bytes, an accumulator row C int32 lanes).
 *
 * @param usefulMacs M x N x K: the multiply-accumulates the workload asks for
 * @param macs MACs the array performed: {@code mac_slots}, zero padding of partial tiles included
 *     (a padded slot switches the same multiplier and adder)
 * @param accumulatorAdds int32 lane additions in the accumulator's read-modify-write
 * @param scratchpadReadBits bits the execute unit read from the scratchpad (input rows, weight tiles)
 * @param scratchpadWriteBits bits the DMA wrote into the scratchpad
 * @param accumulatorReadBits bits read from the accumulator (old rows of an accumulate, rows stored)
 * @param accumulatorWriteBits bits written into the accumulator (every result row)
 * @param dramBytes bytes moved on the main-memory bus, read and written
 */
public record ActionCounts(long usefulMacs, long macs, long accumulatorAdds, long scratchpadReadBits,
    long scratchpadWriteBits, long accumulatorReadBits, long accumulatorWriteBits, long dramBytes) {
  public ActionCounts {
    requireCount("usefulMacs", usefulMacs);
    requireCount("macs", macs);
    requireCount("accumulatorAdds", accumulatorAdds);
    requireCount("scratchpadReadBits", scratchpadReadBits);
    requireCount("scratchpadWriteBits", scratchpadWriteBits);
    requireCount("accumulatorReadBits", accumulatorReadBits);
    requireCount("accumulatorWriteBits", accumulatorWriteBits);
    requireCount("dramBytes", dramBytes);
  }

  /**
   * The actions of a GEMM (M x N x K, int8 operands) run by a program of {@link
   * dev.serrano.testbench.accel.GemmTiler} or the GEMM sequencer, from the run's counters and the
   * shape; the derivation, per the execute unit's and the accumulator's documented behaviour:
   *
   * <ul>
   *   <li>result rows {@code rows = mac_slots / (R x C)}: {@code mac_slots} counts R x C per
   *       result row the array writes;
   *   <li>stored rows {@code M x ceil(N / C)}: one accumulator row per output row and column tile,
   *       each the sum of its K-folds; a fold's first COMPUTE overwrites it, the others accumulate,
   *       so {@code rows - stored} rows are accumulates;
   *   <li>scratchpad reads: one row per result row (its input) and R rows per weight-tile preload,
   *       rows of max(R, C) bytes;
   *   <li>scratchpad writes: every byte the DMA read ({@code dma_read_bytes}, whole beats), since
   *       these programs LOAD only into the scratchpad (a bias goes through the post-processing);
   *   <li>accumulator writes: every result row; reads: the old row of every accumulate (the
   *       read-modify-write) and every stored row (STORE); C int32 adds per accumulate;
   *   <li>DRAM bytes: {@code dma_read_bytes + dma_write_bytes}.
   * </ul>
   *
   * @param weightTilePreloads weight tiles the program preloaded: the hardware counts none, the
   *     tiler's {@code GemmProgram.expectedTraffic().preloads()} does (its tests check its traffic
   *     against the RTL's counters)
   */
  public static ActionCounts ofGemm(AcceleratorShape shape, int m, int n, int k, AcceleratorDriver.Run run,
      long weightTilePreloads) {
    ConfigException.requireRange("m", m, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("n", n, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("k", k, 1, Integer.MAX_VALUE);
    requireCount("weightTilePreloads", weightTilePreloads);
    long slotsPerRow = (long) shape.arrayRows() * shape.arrayCols();
    long macSlots = run.counter("mac_slots");
    if (macSlots % slotsPerRow != 0) {
      throw new IllegalArgumentException("mac_slots must be a multiple of R x C = " + slotsPerRow + ", got "
          + macSlots);
    }
    long resultRows = macSlots / slotsPerRow;
    long storedRows = (long) m * ((n + shape.arrayCols() - 1) / shape.arrayCols());
    if (resultRows < storedRows) {
      throw new IllegalArgumentException("mac_slots must be at least M x ceil(N / C) x R x C = "
          + storedRows * slotsPerRow + " for M = " + m + ", N = " + n + ", got " + macSlots);
    }
    long accumulateRows = resultRows - storedRows;
    long spRowBits = 8L * shape.spRowBytes();
    long accRowBits = 8L * shape.accRowBytes();
    long dmaRead = run.counter("dma_read_bytes");
    return new ActionCounts((long) m * n * k, macSlots, accumulateRows * shape.arrayCols(),
        (resultRows + weightTilePreloads * shape.arrayRows()) * spRowBits, 8 * dmaRead,
        (accumulateRows + storedRows) * accRowBits, resultRows * accRowBits,
        dmaRead + run.counter("dma_write_bytes"));
  }

  /**
   * The actions of a GEMM run on a PE array alone by {@link dev.serrano.testbench.array.PeArrayDriver},
   * counted from the driver's schedule (the array has no counters), with the array's operand and
   * partial-sum buffers priced as the scratchpad and the accumulator:
   *
   * <ul>
   *   <li>WS: folds over (K block, column block); per fold a weight tile (R rows of C weights) and
   *       M input rows (R inputs each) are read; every result row (C partial sums) is written, and
   *       every fold after a column's first reads the previous fold's row back as its {@code in_d}.
   *   <li>OS: tiles over (row block, column block), each K beats of an input column (R inputs) and a
   *       weight row (C weights), then R result rows written once: no partial sum leaves the array.
   *   <li>MACs: R x C per input row (WS) or per beat (OS), padding included; no main-memory traffic.
   * </ul>
   *
   * @param os true for output-stationary, false for weight-stationary
   */
  public static ActionCounts ofArrayGemm(boolean os, int rows, int cols, int inputBits, int weightBits,
      int accBits, int m, int n, int k) {
    ConfigException.requireRange("m", m, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("n", n, 1, Integer.MAX_VALUE);
    ConfigException.requireRange("k", k, 1, Integer.MAX_VALUE);
    long usefulMacs = (long) m * n * k;
    long slots = (long) rows * cols;
    long nFolds = ceilDiv(n, cols);
    long resultRowBits = (long) cols * accBits;
    if (os) {
      long beats = ceilDiv(m, rows) * nFolds * k;
      long resultRows = ceilDiv(m, rows) * nFolds * rows;
      return new ActionCounts(usefulMacs, beats * slots, 0,
          beats * ((long) rows * inputBits + (long) cols * weightBits), 0, 0, resultRows * resultRowBits, 0);
    }
    long kFolds = ceilDiv(k, rows);
    long folds = kFolds * nFolds;
    long resultRows = (long) m * folds;
    long partialSumRows = (long) m * (kFolds - 1) * nFolds;
    return new ActionCounts(usefulMacs, resultRows * slots, 0,
        folds * rows * cols * weightBits + resultRows * rows * inputBits, 0, partialSumRows * resultRowBits,
        resultRows * resultRowBits, 0);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static void requireCount(String parameter, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(parameter + " must be from 0 to " + Long.MAX_VALUE + ", got " + value);
    }
  }
}
