package dev.serrano.testbench.accel;

/**
 * How {@link GemmTiler} cuts a GEMM. An output block is {@code blockRows} rows of A by {@code
 * blockTiles} column tiles of C columns, accumulated in one of {@code accBuffers} accumulator
 * buffers of {@code accBufferRows} rows (tile t of the block at buffer row {@code t * blockRows}).
 * Each K-fold (R columns of A) of a block is loaded into one of {@code slots} scratchpad slots,
 * {@code slotStride} rows apart: the block's A rows first (one row each, the low bytes of the fold),
 * then the weight rows of its column tiles: tile by tile (R rows each), or, with
 * {@code groupedWeights}, interleaved by one LOAD of the block's whole width (row k of tile t at
 * {@code k * tiles + t}, read by COMPUTEs with a weight gap of {@code tiles - 1}).
 */
public record GemmTiling(int blockRows, int blockTiles, int slots, long slotStride, int accBuffers,
    long accBufferRows, boolean groupedWeights) {}
