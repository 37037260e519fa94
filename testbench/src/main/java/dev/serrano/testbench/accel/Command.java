package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One controller command as data. {@link #encode} and {@link #decode} go through {@link
 * CommandFormat}'s named fields, so the words follow any change of the layout there.
 */
public sealed interface Command {

  /** Where a LOAD or STORE moves rows from or to; the code is the command's {@code target} field. */
  enum Target {
    SCRATCHPAD(0),
    ACCUMULATOR(1),
    /** STORE only: accumulator rows through post-processing, int8 rows of C bytes. */
    POST_PROCESSED(2);

    public final int code;

    Target(int code) {
      this.code = code;
    }

    static Target of(long code) {
      for (Target t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IllegalArgumentException("target must be 0, 1 or 2, got " + code);
    }
  }

  BigInteger encode();

  /**
   * A LOAD or STORE: {@code rows} main-memory rows of {@code rowBytes} bytes from {@code address},
   * {@code stride} bytes apart, each on ceil(rowBytes / local row bytes) local rows from {@code
   * localRow}.
   */
  record Transfer(Opcode opcode, Tokens tokens, Target target, int rows, int rowBytes, long localRow,
      long address, long stride) implements Command {
    public Transfer {
      if (opcode != Opcode.LOAD && opcode != Opcode.STORE) {
        throw new IllegalArgumentException("opcode of a transfer must be LOAD or STORE, got " + opcode);
      }
      if (opcode == Opcode.LOAD && target == Target.POST_PROCESSED) {
        throw new IllegalArgumentException("target of a LOAD must be SCRATCHPAD or ACCUMULATOR, got " + target);
      }
    }

    public Transfer withTokens(Tokens newTokens) {
      return new Transfer(opcode, newTokens, target, rows, rowBytes, localRow, address, stride);
    }

    @Override
    public BigInteger encode() {
      Map<String, Long> fields = tokenFields(tokens);
      fields.put("target", (long) target.code);
      fields.put("rows", (long) rows);
      fields.put("row_bytes", (long) rowBytes);
      fields.put("local", localRow);
      fields.put("addr", address);
      fields.put("stride", stride);
      return CommandFormat.encode(opcode.code, fields);
    }
  }

  /**
   * A COMPUTE: with {@code preload} the weight tile is scratchpad rows {@code weightRow} to {@code
   * weightRow + R - 1}; input row i is scratchpad row {@code inputRow + i}, its result goes to
   * accumulator row {@code resultRow + i}, added when {@code accumulate}.
   */
  record Compute(Tokens tokens, boolean preload, boolean accumulate, int rows, long weightRow, int weightGap,
      long inputRow, long resultRow) implements Command {
    @Override
    public BigInteger encode() {
      Map<String, Long> fields = tokenFields(tokens);
      fields.put("preload", preload ? 1L : 0L);
      fields.put("accumulate", accumulate ? 1L : 0L);
      fields.put("compute_rows", (long) rows);
      fields.put("w_addr", weightRow);
      fields.put("w_gap", (long) weightGap);
      fields.put("a_addr", inputRow);
      fields.put("c_addr", resultRow);
      return CommandFormat.encode(Opcode.COMPUTE.code, fields);
    }
  }

  /** Taken when every earlier command has completed. */
  record Fence() implements Command {
    @Override
    public BigInteger encode() {
      return CommandFormat.encode(Opcode.FENCE.code, Map.of());
    }
  }

  static Command decode(BigInteger word) {
    long opcode = field(word, "opcode");
    Tokens tokens = new Tokens(flag(word, "pop_prev"), flag(word, "pop_next"), flag(word, "push_prev"),
        flag(word, "push_next"));
    if (opcode == Opcode.LOAD.code || opcode == Opcode.STORE.code) {
      return new Transfer(opcode == Opcode.LOAD.code ? Opcode.LOAD : Opcode.STORE, tokens,
          Target.of(field(word, "target")), (int) field(word, "rows"), (int) field(word, "row_bytes"),
          field(word, "local"), field(word, "addr"), field(word, "stride"));
    }
    if (opcode == Opcode.COMPUTE.code) {
      return new Compute(tokens, flag(word, "preload"), flag(word, "accumulate"), (int) field(word, "compute_rows"),
          field(word, "w_addr"), (int) field(word, "w_gap"), field(word, "a_addr"), field(word, "c_addr"));
    }
    if (opcode == Opcode.FENCE.code) {
      return new Fence();
    }
    throw new IllegalArgumentException("opcode must be LOAD, STORE, COMPUTE or FENCE (0 to 3), got " + opcode);
  }

  private static Map<String, Long> tokenFields(Tokens tokens) {
    Map<String, Long> fields = new LinkedHashMap<>();
    fields.put("pop_prev", tokens.popPrev() ? 1L : 0L);
    fields.put("pop_next", tokens.popNext() ? 1L : 0L);
    fields.put("push_prev", tokens.pushPrev() ? 1L : 0L);
    fields.put("push_next", tokens.pushNext() ? 1L : 0L);
    return fields;
  }

  private static long field(BigInteger word, String name) {
    CommandFormat.Field f = CommandFormat.field(name);
    return word.shiftRight(f.lsb()).and(BigInteger.ONE.shiftLeft(f.width()).subtract(BigInteger.ONE)).longValue();
  }

  private static boolean flag(BigInteger word, String name) {
    return field(word, name) != 0;
  }
}
