package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three command words that make the accelerator's GEMM sequencer run a whole GEMM: GEMM_ARGS
 * word 0 (M, A, lda, block size), word 1 (K, B, ldb, scratchpad slots,
 * grouped weights) and GEMM_START (N, C, ldc,
 * output type, accumulator buffers). The sequencer expands them into exactly {@code
 * GemmTiler.tile(shape, spec, maxTokens, tiling).words()}, closing FENCE included. An int8 GEMM
 * stores through the post-processing registers a CONFIG made active before it.
 */
public final class GemmCommand {
  /** M, N, K and the block size are 16-bit fields. */
  public static final int MAX_SIZE = (1 << 16) - 1;

  private GemmCommand() {}

  public static List<BigInteger> words(GemmSpec spec, GemmTiling tiling) {
    ConfigException.requireRange("m", spec.m(), 1, MAX_SIZE);
    ConfigException.requireRange("n", spec.n(), 1, MAX_SIZE);
    ConfigException.requireRange("k", spec.k(), 1, MAX_SIZE);
    ConfigException.requireRange("blockRows", tiling.blockRows(), 1, MAX_SIZE);
    ConfigException.requireRange("blockTiles", tiling.blockTiles(), 1, MAX_SIZE);
    ConfigException.requireRange("slots", tiling.slots(), 1, 255);
    ConfigException.requireRange("accBuffers", tiling.accBuffers(), 1, 255);
    ConfigException.requireRange("slotStride", tiling.slotStride(), 1, AcceleratorShape.MAX_LOCAL_ROWS - 1);
    ConfigException.requireRange("accBufferRows", tiling.accBufferRows(), 1, AcceleratorShape.MAX_LOCAL_ROWS - 1);
    Map<String, Long> a = new LinkedHashMap<>();
    a.put("args_word", 0L);
    a.put("gemm_m", (long) spec.m());
    a.put("gemm_a_addr", spec.aAddress());
    a.put("gemm_lda", spec.lda());
    a.put("gemm_block_rows", (long) tiling.blockRows());
    a.put("gemm_block_tiles", (long) tiling.blockTiles());
    Map<String, Long> b = new LinkedHashMap<>();
    b.put("args_word", 1L);
    b.put("gemm_k", (long) spec.k());
    b.put("gemm_b_addr", spec.bAddress());
    b.put("gemm_ldb", spec.ldb());
    b.put("gemm_slot_stride", tiling.slotStride());
    b.put("gemm_slots", (long) tiling.slots());
    b.put("gemm_grouped", tiling.groupedWeights() ? 1L : 0L);
    Map<String, Long> start = new LinkedHashMap<>();
    start.put("gemm_int8", spec.output() == null ? 0L : 1L);
    start.put("gemm_n", (long) spec.n());
    start.put("gemm_c_addr", spec.cAddress());
    start.put("gemm_ldc", spec.ldc());
    start.put("gemm_acc_buffer_rows", tiling.accBufferRows());
    start.put("gemm_acc_buffers", (long) tiling.accBuffers());
    return List.of(CommandFormat.encode(Opcode.GEMM_ARGS.code, a), CommandFormat.encode(Opcode.GEMM_ARGS.code, b),
        CommandFormat.encode(Opcode.GEMM_START.code, start));
  }
}
