package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.accel.Command.Compute;
import dev.serrano.testbench.accel.Command.Fence;
import dev.serrano.testbench.accel.Command.Target;
import dev.serrano.testbench.accel.Command.Transfer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link GemmSpec} into a command program for an accelerator of a given {@link
 * AcceleratorShape}: output blocks of {@code blockRows} x {@code blockTiles * C}, each K-fold of a
 * block loaded into a scratchpad slot and computed as one COMPUTE per column tile, each block
 * stored from its accumulator buffer, LOAD, COMPUTE and STORE overlapped through dependency tokens.
 *
 * <h2>Why blocks: the bandwidth arithmetic</h2>
 *
 * A 16 x 16 array takes one 16-byte input row per cycle, exactly what a 128-bit bus delivers. If
 * every COMPUTE loaded its own input rows and weight tile, the loads alone would take longer than
 * the computation. Within a block of Mb rows and nt column tiles, one K-fold loads Mb input rows
 * (R bytes each) and nt weight tiles (R x C bytes) and keeps the array busy for Mb x nt cycles:
 * every input row is reused for nt tiles and every tile for Mb rows. In bus cycles per array cycle
 * that is {@code (Mb * R + nt * R * C) / busBytes / (Mb * nt)}, for 16 x 16 and a 16-byte bus
 * {@code 1/nt + 16/Mb}. The block lives in an accumulator buffer (Mb x nt <= 512 rows, half of the
 * 64 KiB accumulator) and its fold in a scratchpad slot (Mb + 16 nt <= 4096 rows, one bank):
 * Mb = 128, nt = 4 gives 1/4 + 1/8 = 0.375, so loads use 37.5 % of the bus while the array is
 * busy every cycle (Mb = 64, nt = 8 moves the same bytes with twice the preloads; the tiler picks
 * the fewest loaded bytes, then the fewest preloads). For 256 x 256 x 256: 65,536 array cycles
 * (256 rows x 16 folds x 16 tiles), 393,216 bytes loaded (A once per block column: 4 x 64 KiB, B
 * once per block row: 2 x 64 KiB; 24,576 bus cycles, hidden), 262,144 int32 bytes stored on the
 * write channel (16,384 bus cycles, hidden behind the next block). What cannot overlap is the
 * first fold's load (2,048 + 1,024 bytes: 192 cycles) and the last block's store (128 x 64 x 4
 * bytes: 2,048 cycles): 65,536 / 67,776 = 96.7 % busy (int8 output: 65,536 / 66,240 = 98.9 %).
 * {@link GemmProgram#expectedArrayBusy} is this estimate for any shape: array cycles are max(rows,
 * R) per COMPUTE (a preload of R weight rows overlaps the previous command's rows), stretched to
 * the load or store time if either is longer, plus the first fold's load and the last block's
 * store; it assumes the DMA moves a full bus word per cycle.
 *
 * <h2>Buffers and tokens</h2>
 *
 * Scratchpad slots are the banks (two halves of the one bank if there is only one), so a LOAD
 * writes a bank the execute unit is not reading; accumulator buffers are the two halves of the
 * accumulator. Tokens follow VTA: the first LOAD of a fold pops a COMPUTE->LOAD token once every
 * slot has been used (the slot's previous fold is done), its last LOAD pushes LOAD->COMPUTE; the
 * first COMPUTE of a fold pops it and, for a block's first fold once every buffer has been used,
 * pops STORE->COMPUTE (the buffer has been stored); the fold's last COMPUTE pushes COMPUTE->LOAD,
 * the block's last also COMPUTE->STORE; the block's first STORE pops that and its last pushes
 * STORE->COMPUTE. A push that no later command would pop is left out, so the program ends with
 * every counter at zero (drained), then a FENCE. Outstanding tokens per direction are at most the
 * slots or buffers, which are capped at {@code maxTokens}.
 *
 * <h2>Bias: folded into post-processing</h2>
 *
 * A per-channel bias reaches the output through the post-processing parameters of each STORE
 * ({@link Requantization#lanes}), not through a stride-0 LOAD into the accumulator. Such a LOAD
 * writes an accumulator buffer that the STORE stage reads, but LOAD and STORE share no token: it
 * could only be ordered after the previous block's STORE through a COMPUTE that pops
 * STORE->COMPUTE and pushes COMPUTE->LOAD, and the block's own first COMPUTE needs the bias
 * already, so every block would serialise. The requantiser adds a per-lane bias anyway, at no cost.
 * So an int32 output (STORE of raw accumulator rows) has no bias; an int8 output has it.
 */
public final class GemmTiler {
  /** The {@code rows} and {@code compute_rows} fields are 16 bits. */
  private static final int MAX_ROWS = (1 << 16) - 1;
  private static final int MAX_WEIGHT_GAP = (1 << CommandFormat.field("w_gap").width()) - 1;

  private GemmTiler() {}

  /** The program of {@code gemm}, keeping at most {@code maxTokens} tokens outstanding per direction. */
  public static GemmProgram tile(AcceleratorShape shape, GemmSpec gemm, int maxTokens) {
    return tile(shape, gemm, maxTokens, chooseTiling(shape, gemm, maxTokens));
  }

  /**
   * The program of {@code gemm} cut by {@code tiling} (the schedule the GEMM sequencer emits for the
   * same arguments): its slots and buffers must fit the memories, a slot must hold the block's A
   * rows and weight tiles, a buffer the block's results, and neither may have more than {@code
   * maxTokens} in flight.
   */
  public static GemmProgram tile(AcceleratorShape shape, GemmSpec gemm, int maxTokens, GemmTiling tiling) {
    ConfigException.requireRange("maxTokens", maxTokens, 1, 255);
    requireFits(shape, maxTokens, tiling);
    Grid grid = new Grid(shape, gemm, tiling);
    return new GemmProgram(tiling, new Emission(grid).steps(), expectedTraffic(grid), expectedArrayBusy(grid));
  }

  private static void requireFits(AcceleratorShape shape, int maxTokens, GemmTiling tiling) {
    ConfigException.requireRange("blockRows", tiling.blockRows(), 1, MAX_ROWS);
    ConfigException.requireRange("blockTiles", tiling.blockTiles(), 1, MAX_ROWS);
    ConfigException.requireRange("slots", tiling.slots(), 1, maxTokens);
    ConfigException.requireRange("accBuffers", tiling.accBuffers(), 1, maxTokens);
    ConfigException.requireRange("slotStride", tiling.slotStride(),
        tiling.blockRows() + (long) tiling.blockTiles() * shape.arrayRows(), shape.spRows() / tiling.slots());
    ConfigException.requireRange("accBufferRows", tiling.accBufferRows(),
        (long) tiling.blockRows() * tiling.blockTiles(), shape.accRows() / tiling.accBuffers());
    if (tiling.groupedWeights()) {
      if (shape.spRowBytes() != shape.arrayCols()) {
        throw new IllegalArgumentException("groupedWeights needs scratchpad rows of C = " + shape.arrayCols()
            + " bytes (C >= R), got rows of " + shape.spRowBytes());
      }
      ConfigException.requireRange("blockTiles", tiling.blockTiles(), 1, MAX_WEIGHT_GAP + 1);
    }
  }

  /** The block with the fewest loaded bytes, then the fewest preloads, that fits a slot and a buffer. */
  public static GemmTiling chooseTiling(AcceleratorShape shape, GemmSpec gemm, int maxTokens) {
    ConfigException.requireRange("maxTokens", maxTokens, 1, 255);
    int bankSlots = shape.spBanks() >= 2 ? shape.spBanks() : 2;
    long slotRows = shape.spRows() / bankSlots;
    int slots = Math.min(bankSlots, maxTokens);
    int accBuffers = Math.min(Math.min(2, maxTokens), shape.accRows());
    long accBufferRows = shape.accRows() / accBuffers;
    if (slotRows < shape.arrayRows() + 1) {
      throw new IllegalArgumentException("spRowsPerBank must leave at least R + 1 = " + (shape.arrayRows() + 1)
          + " rows per scratchpad slot (a weight tile and an input row), got " + slotRows);
    }
    GemmTiling best = null;
    long bestLoad = Long.MAX_VALUE;
    long bestPreloads = Long.MAX_VALUE;
    int columnTiles = ceilDiv(gemm.n(), shape.arrayCols());
    // One LOAD can bring a fold's weights for all the block's tiles when a B row of C bytes fills
    // exactly one scratchpad row (C >= R); the COMPUTE's weight gap then limits the tiles.
    boolean canGroup = shape.spRowBytes() == shape.arrayCols();
    int maxTiles = canGroup ? Math.min(columnTiles, MAX_WEIGHT_GAP + 1) : columnTiles;
    for (int tiles = 1; tiles <= Math.min(maxTiles, accBufferRows); tiles++) {
      long rows = Math.min(Math.min(gemm.m(), accBufferRows / tiles), Math.min(slotRows - (long) tiles
          * shape.arrayRows(), MAX_ROWS));
      if (rows < 1) {
        break;
      }
      GemmTiling candidate = new GemmTiling((int) rows, tiles, slots, slotRows, accBuffers, accBufferRows,
          canGroup && tiles > 1);
      Traffic traffic = expectedTraffic(new Grid(shape, gemm, candidate));
      if (traffic.loadBytes() < bestLoad || traffic.loadBytes() == bestLoad && traffic.preloads() < bestPreloads) {
        best = candidate;
        bestLoad = traffic.loadBytes();
        bestPreloads = traffic.preloads();
      }
    }
    return best;
  }

  /** The GEMM cut by a tiling: counts of blocks, folds and tiles, and where each piece lives. */
  private record Grid(AcceleratorShape shape, GemmSpec gemm, GemmTiling tiling) {
    int folds() {
      return ceilDiv(gemm.k(), shape.arrayRows());
    }

    int columnTiles() {
      return ceilDiv(gemm.n(), shape.arrayCols());
    }

    int blockRowCount() {
      return ceilDiv(gemm.m(), tiling.blockRows());
    }

    int blockColumnCount() {
      return ceilDiv(columnTiles(), tiling.blockTiles());
    }

    int rowsOfBlockRow(int blockRow) {
      return Math.min(tiling.blockRows(), gemm.m() - blockRow * tiling.blockRows());
    }

    int tilesOfBlockColumn(int blockColumn) {
      return Math.min(tiling.blockTiles(), columnTiles() - blockColumn * tiling.blockTiles());
    }

    int columnsOfTile(int tile) {
      return Math.min(shape.arrayCols(), gemm.n() - tile * shape.arrayCols());
    }

    int depthOfFold(int fold) {
      return Math.min(shape.arrayRows(), gemm.k() - fold * shape.arrayRows());
    }
  }

  private static Traffic expectedTraffic(Grid grid) {
    GemmSpec gemm = grid.gemm();
    long loadBytes = (long) gemm.m() * gemm.k() * grid.blockColumnCount()
        + (long) gemm.k() * gemm.n() * grid.blockRowCount();
    long storeBytes = (long) gemm.m() * gemm.n() * gemm.outputElementBytes();
    long computeRows = (long) gemm.m() * grid.folds() * grid.columnTiles();
    long preloads = (long) grid.blockRowCount() * grid.folds() * grid.columnTiles();
    long macSlots = computeRows * grid.shape().arrayRows() * grid.shape().arrayCols();
    return new Traffic(loadBytes, storeBytes, computeRows, preloads, macSlots);
  }

  private static double expectedArrayBusy(Grid grid) {
    AcceleratorShape shape = grid.shape();
    GemmSpec gemm = grid.gemm();
    Traffic traffic = expectedTraffic(grid);
    int lastBlockRow = grid.blockRowCount() - 1;
    long cyclesPerTileAndFold = (long) lastBlockRow * Math.max(grid.tiling().blockRows(), shape.arrayRows())
        + Math.max(grid.rowsOfBlockRow(lastBlockRow), shape.arrayRows());
    long arrayCycles = cyclesPerTileAndFold * grid.folds() * grid.columnTiles();
    double bus = shape.busBytes();
    double steady = Math.max(arrayCycles, Math.max(traffic.loadBytes() / bus, traffic.storeBytes() / bus));
    int firstDepth = grid.depthOfFold(0);
    long firstFoldBytes = (long) grid.rowsOfBlockRow(0) * firstDepth
        + (long) firstDepth * Math.min(gemm.n(), grid.tiling().blockTiles() * shape.arrayCols());
    int lastBlockColumn = grid.blockColumnCount() - 1;
    long lastBlockColumns = gemm.n() - (long) lastBlockColumn * grid.tiling().blockTiles() * shape.arrayCols();
    long lastStoreBytes = grid.rowsOfBlockRow(lastBlockRow) * lastBlockColumns * gemm.outputElementBytes();
    return traffic.computeRows() / (steady + (firstFoldBytes + lastStoreBytes) / bus);
  }

  /** Walks the blocks in program order and writes their commands. */
  private static final class Emission {
    private final Grid grid;
    private final AcceleratorShape shape;
    private final GemmSpec gemm;
    private final GemmTiling tiling;
    private final int totalFolds;
    private final int totalBlocks;
    private final List<ProgramStep> steps = new ArrayList<>();
    private int fold;
    private int block;

    Emission(Grid grid) {
      this.grid = grid;
      this.shape = grid.shape();
      this.gemm = grid.gemm();
      this.tiling = grid.tiling();
      this.totalBlocks = grid.blockRowCount() * grid.blockColumnCount();
      this.totalFolds = totalBlocks * grid.folds();
    }

    List<ProgramStep> steps() {
      for (int blockRow = 0; blockRow < grid.blockRowCount(); blockRow++) {
        for (int blockColumn = 0; blockColumn < grid.blockColumnCount(); blockColumn++) {
          emitBlock(blockRow, blockColumn);
        }
      }
      steps.add(ProgramStep.of(new Fence()));
      return steps;
    }

    private void emitBlock(int blockRow, int blockColumn) {
      long accBase = (block % tiling.accBuffers()) * tiling.accBufferRows();
      int firstTile = blockColumn * tiling.blockTiles();
      int tiles = grid.tilesOfBlockColumn(blockColumn);
      int rows = grid.rowsOfBlockRow(blockRow);
      int firstRow = blockRow * tiling.blockRows();
      for (int k = 0; k < grid.folds(); k++) {
        long slotBase = (fold % tiling.slots()) * tiling.slotStride();
        emitFoldLoads(slotBase, firstRow, rows, k, firstTile, tiles);
        emitFoldComputes(slotBase, accBase, rows, k, tiles);
        fold++;
      }
      emitStores(accBase, firstRow, rows, firstTile, tiles);
      block++;
    }

    /**
     * Row of a fold's weight tile: in the next slot's weight region, so that the execute unit's
     * weight reads (the next tile, read while the current rows stream) and input reads use
     * different banks and never take turns at one bank's read port. The region was last used by
     * the fold {@code slots} earlier, the one whose slot this fold's inputs reuse, so the token
     * that frees the slot frees it too.
     */
    private long weightRow(int fold, int tileInBlock) {
      long slotBase = ((fold + 1) % tiling.slots()) * tiling.slotStride();
      long rowsPerTile = tiling.groupedWeights() ? 1 : shape.arrayRows();
      return slotBase + tiling.blockRows() + tileInBlock * rowsPerTile;
    }

    /** Rows between a tile's consecutive weight rows, minus 1: the block's other tiles when grouped. */
    private int weightGap(int tiles) {
      return tiling.groupedWeights() ? tiles - 1 : 0;
    }

    /** The fold's A rows (R bytes each, zero-filled past K) and the block's weight tiles. */
    private void emitFoldLoads(long slotBase, int firstRow, int rows, int k, int firstTile, int tiles) {
      int depth = grid.depthOfFold(k);
      long firstK = (long) k * shape.arrayRows();
      Tokens first = Tokens.NONE.withPopNext(fold >= tiling.slots());
      List<Transfer> loads = new ArrayList<>();
      loads.add(new Transfer(Opcode.LOAD, first, Target.SCRATCHPAD, rows, depth, slotBase,
          gemm.aAddress() + firstRow * gemm.lda() + firstK, gemm.lda()));
      long firstColumn = (long) firstTile * shape.arrayCols();
      if (tiling.groupedWeights()) {
        int columns = (int) Math.min(gemm.n() - firstColumn, (long) tiles * shape.arrayCols());
        loads.add(new Transfer(Opcode.LOAD, Tokens.NONE, Target.SCRATCHPAD, depth, columns, weightRow(fold, 0),
            gemm.bAddress() + firstK * gemm.ldb() + firstColumn, gemm.ldb()));
      } else {
        for (int t = 0; t < tiles; t++) {
          loads.add(new Transfer(Opcode.LOAD, Tokens.NONE, Target.SCRATCHPAD, depth, grid.columnsOfTile(firstTile + t),
              weightRow(fold, t), gemm.bAddress() + firstK * gemm.ldb() + firstColumn + (long) t * shape.arrayCols(),
              gemm.ldb()));
        }
      }
      Transfer last = loads.remove(loads.size() - 1);
      loads.add(last.withTokens(last.tokens().withPushNext(true)));
      loads.forEach(load -> steps.add(ProgramStep.of(load)));
    }

    private void emitFoldComputes(long slotBase, long accBase, int rows, int k, int tiles) {
      boolean lastFold = k == grid.folds() - 1;
      for (int t = 0; t < tiles; t++) {
        boolean firstOfFold = t == 0;
        boolean lastOfFold = t == tiles - 1;
        Tokens tokens = new Tokens(firstOfFold, firstOfFold && k == 0 && block >= tiling.accBuffers(),
            lastOfFold && fold + tiling.slots() < totalFolds, lastOfFold && lastFold);
        steps.add(ProgramStep.of(new Compute(tokens, true, k > 0, rows, weightRow(fold, t), weightGap(tiles), slotBase,
            accBase + (long) t * tiling.blockRows())));
      }
    }

    private void emitStores(long accBase, int firstRow, int rows, int firstTile, int tiles) {
      int elementBytes = gemm.outputElementBytes();
      Target target = gemm.output() == null ? Target.ACCUMULATOR : Target.POST_PROCESSED;
      for (int t = 0; t < tiles; t++) {
        int firstColumn = (firstTile + t) * shape.arrayCols();
        Tokens tokens = Tokens.NONE.withPopPrev(t == 0)
            .withPushPrev(t == tiles - 1 && block + tiling.accBuffers() < totalBlocks);
        Transfer store = new Transfer(Opcode.STORE, tokens, target, rows, grid.columnsOfTile(firstTile + t)
            * elementBytes, accBase + (long) t * tiling.blockRows(), gemm.cAddress() + firstRow * gemm.ldc()
            + (long) firstColumn * elementBytes, gemm.ldc());
        steps.add(new ProgramStep(store.encode(),
            gemm.output() == null ? null : gemm.output().lanes(firstColumn, shape.arrayCols())));
      }
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
