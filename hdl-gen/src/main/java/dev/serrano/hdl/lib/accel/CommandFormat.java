package dev.serrano.hdl.lib.accel;

import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 128-bit command word of the {@link Controller} and the {@link GemmSequencer}: the one place
 * its layout is defined. The
 * hardware decodes with {@link #get}, test benches and drivers encode with {@link #encode}, and the
 * documentation and C header come from {@link #markdownTable} and {@link #cHeader}.
 *
 * <p>Bits 2:0 are the opcode, bits 6:3 the dependency flags (meaningful for LOAD, STORE and
 * COMPUTE); the rest depends on the opcode. Address fields are 32 bits wide; a configuration uses
 * their low bits and ignores the others.
 */
public final class CommandFormat {
  public static final int WIDTH = 128;
  public static final int OPCODE_WIDTH = 3;

  /**
   * The opcodes. The GEMM sequencer takes GEMM_ARGS and GEMM_START and passes the others on; the
   * controller rejects any opcode but LOAD to CONFIG ({@code error_opcode}), so 7 is an error.
   */
  public enum Opcode {
    LOAD(0), STORE(1), COMPUTE(2), FENCE(3), CONFIG(4), GEMM_ARGS(5), GEMM_START(6);

    public final int code;

    Opcode(int code) {
      this.code = code;
    }
  }

  /** A field: bits {@code lsb + width - 1 : lsb} of commands with one of {@code opcodes}. */
  public record Field(String name, int lsb, int width, String opcodes, String meaning) {
    public int msb() {
      return lsb + width - 1;
    }
  }

  private static final String ALL = "all";
  private static final String DMA = "LOAD, STORE";
  private static final String QUEUED = "LOAD, STORE, COMPUTE, CONFIG";
  private static final String COMPUTE = "COMPUTE";
  private static final String GEMM_ARGS = "GEMM_ARGS";
  /** The two argument words, told apart by {@code args_word}: the A side and the B side. */
  private static final String GEMM_A = "GEMM_ARGS 0";
  private static final String GEMM_B = "GEMM_ARGS 1";
  private static final String GEMM_START = "GEMM_START";

  /** Every field, lowest bit first; fields of different opcodes may overlap. */
  public static final List<Field> FIELDS = List.of(
      new Field("opcode", 0, OPCODE_WIDTH, ALL, "0 LOAD, 1 STORE, 2 COMPUTE, 3 FENCE, 4 CONFIG,"
          + " 5 GEMM_ARGS, 6 GEMM_START (taken by the GEMM sequencer); 7: error_opcode, dropped"),
      new Field("pop_prev", 3, 1, QUEUED, "wait for and take a token from the previous stage (ignored by LOAD)"),
      new Field("pop_next", 4, 1, QUEUED, "wait for and take a token from the next stage (ignored by STORE, CONFIG)"),
      new Field("push_prev", 5, 1, QUEUED, "on completion give a token to the previous stage (ignored by LOAD)"),
      new Field("push_next", 6, 1, QUEUED, "on completion give a token to the next stage (ignored by STORE, CONFIG)"),
      new Field("target", 7, 2, DMA, "0 scratchpad, 1 accumulator (int32), 2 accumulator through post-processing"
          + " (int8, STORE only; a LOAD reports DECERR); 3: DECERR"),
      new Field("row_bytes", 9, 19, DMA, "bytes per row, up to 512 KiB - 1"),
      new Field("rows", 28, 16, DMA, "number of rows"),
      new Field("local", 44, 20, DMA, "first local row (bank in the high bits)"),
      new Field("addr", 64, 32, DMA, "main-memory address of the first byte"),
      new Field("stride", 96, 32, DMA, "bytes from one row's start to the next"),
      new Field("preload", 7, 1, COMPUTE, "load the weight tile at w_addr first"),
      new Field("accumulate", 8, 1, COMPUTE, "add the results to the accumulator rows"),
      new Field("w_gap", 9, 7, COMPUTE, "rows between consecutive weight-tile rows, minus 1 (0: consecutive)"),
      new Field("compute_rows", 16, 16, COMPUTE, "input rows (result rows)"),
      new Field("w_addr", 32, 32, COMPUTE, "scratchpad row of the weight tile"),
      new Field("a_addr", 64, 32, COMPUTE, "scratchpad row of the first input row"),
      new Field("c_addr", 96, 32, COMPUTE, "accumulator row of the first result"),
      new Field("args_word", 3, 1, GEMM_ARGS, "which argument word: 0 (M, A, block size), 1 (K, B, scratchpad slots)"),
      new Field("gemm_m", 16, 16, GEMM_A, "M: rows of A and C"),
      new Field("gemm_a_addr", 32, 32, GEMM_A, "main-memory address of A (int8, row-major)"),
      new Field("gemm_lda", 64, 32, GEMM_A, "bytes from one row of A to the next"),
      new Field("gemm_block_rows", 96, 16, GEMM_A, "rows of an output block (A rows per scratchpad slot)"),
      new Field("gemm_block_tiles", 112, 16, GEMM_A, "column tiles (of C columns) of an output block"),
      new Field("gemm_k", 16, 16, GEMM_B, "K: columns of A, rows of B"),
      new Field("gemm_b_addr", 32, 32, GEMM_B, "main-memory address of B (int8, row-major)"),
      new Field("gemm_ldb", 64, 32, GEMM_B, "bytes from one row of B to the next"),
      new Field("gemm_slot_stride", 96, 20, GEMM_B, "scratchpad rows from one slot's first row to the next's"),
      new Field("gemm_slots", 120, 8, GEMM_B, "scratchpad slots (K-folds in flight), at most maxTokens"),
      new Field("gemm_grouped", 7, 1, GEMM_B, "1: one LOAD brings a fold's weights for all the block's tiles"
          + " (needs C-byte scratchpad rows; block_tiles up to 128)"),
      new Field("gemm_int8", 7, 1, GEMM_START, "0: int32 C (STORE target 1); 1: int8 C through the active"
          + " post-processing (STORE target 2)"),
      new Field("gemm_n", 16, 16, GEMM_START, "N: columns of B and C"),
      new Field("gemm_c_addr", 32, 32, GEMM_START, "main-memory address of C"),
      new Field("gemm_ldc", 64, 32, GEMM_START, "bytes from one row of C to the next"),
      new Field("gemm_acc_buffer_rows", 96, 20, GEMM_START, "accumulator rows from one buffer's first row to the"
          + " next's"),
      new Field("gemm_acc_buffers", 120, 8, GEMM_START, "accumulator buffers (blocks in flight), at most maxTokens"));

  private CommandFormat() {}

  /** Bits of the weight gap a unit with {@code spAddressWidth}-bit scratchpad addresses takes (no more than it can step). */
  public static int weightGapWidth(int spAddressWidth) {
    return Math.min(field("w_gap").width(), spAddressWidth);
  }

  public static Field field(String name) {
    return FIELDS.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no command field " + name));
  }

  /** The field's bits of a command word, zero-extended or cut to {@code width} bits. */
  public static Value get(Value word, String name, int width) {
    Field f = field(name);
    Value bits = word.slice(f.msb(), f.lsb());
    return width >= f.width() ? (width == f.width() ? bits : bits.zext(width)) : bits.slice(width - 1, 0);
  }

  /**
   * The hardware's command word: the opcode and the named field values, each zero-extended or cut to
   * its field's width (address arithmetic wraps at the field); absent fields and gaps are zero.
   */
  public static Value compose(int opcode, Map<String, Value> values) {
    TreeMap<Integer, Value> byLsb = new TreeMap<>(Comparator.reverseOrder());
    byLsb.put(0, Value.constant(opcode, Type.unsigned(OPCODE_WIDTH)));
    values.forEach((name, value) -> {
      Field f = field(name);
      Value sized = value.width() >= f.width() ? value.slice(f.width() - 1, 0) : value.asUnsigned().zext(f.width());
      byLsb.put(f.lsb(), sized);
    });
    List<Value> msbFirst = new ArrayList<>();
    int top = WIDTH;
    for (Map.Entry<Integer, Value> entry : byLsb.entrySet()) {
      int msb = entry.getKey() + entry.getValue().width() - 1;
      if (msb >= top) {
        throw new IllegalArgumentException("a field at bit " + entry.getKey() + " overlaps the field above it");
      }
      if (msb < top - 1) {
        msbFirst.add(Value.constant(0, Type.unsigned(top - 1 - msb)));
      }
      msbFirst.add(entry.getValue());
      top = entry.getKey();
    }
    return Value.concat(msbFirst.toArray(Value[]::new));
  }

  /** A command word: the opcode and the named field values (absent fields are zero). */
  public static BigInteger encode(int opcode, Map<String, Long> values) {
    BigInteger word = BigInteger.valueOf(opcode & ((1 << OPCODE_WIDTH) - 1));
    for (Map.Entry<String, Long> entry : values.entrySet()) {
      Field f = field(entry.getKey());
      long value = entry.getValue();
      if (value < 0 || (f.width() < 64 && value >= 1L << f.width())) {
        throw new IllegalArgumentException(f.name() + " = " + value + " does not fit " + f.width() + " bits");
      }
      word = word.or(BigInteger.valueOf(value).shiftLeft(f.lsb()));
    }
    return word;
  }

  /** The field table in Markdown, for docs/accelerator.md. */
  public static String markdownTable() {
    StringBuilder s = new StringBuilder("| bits | field | opcodes | meaning |\n|---|---|---|---|\n");
    for (Field f : FIELDS) {
      String bits = f.width() == 1 ? String.valueOf(f.lsb()) : f.msb() + ":" + f.lsb();
      s.append("| ").append(bits).append(" | `").append(f.name()).append("` | ").append(f.opcodes())
          .append(" | ").append(f.meaning()).append(" |\n");
    }
    return s.toString();
  }

  /** C macros: opcodes, and per field its bit offset and width (the word is four 32-bit words, low first). */
  public static String cHeader(String prefix) {
    StringBuilder s = new StringBuilder();
    s.append("#define ").append(prefix).append("CMD_BITS ").append(WIDTH).append("\n");
    for (Opcode op : Opcode.values()) {
      s.append("#define ").append(prefix).append("OP_").append(op.name()).append(' ').append(op.code).append("\n");
    }
    for (Field f : FIELDS) {
      String name = prefix + "CMD_" + f.name().toUpperCase();
      s.append("#define ").append(name).append("_LSB ").append(f.lsb()).append("\n");
      s.append("#define ").append(name).append("_WIDTH ").append(f.width()).append("\n");
    }
    return s.toString();
  }
}
