package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.accel.Command.Compute;
import dev.serrano.testbench.accel.Command.Target;
import dev.serrano.testbench.accel.Command.Transfer;
import dev.serrano.testbench.accel.CommandScheduler.Policy;
import dev.serrano.testbench.model.Requantize;
import dev.serrano.testbench.model.Requantize.RowConfig;
import java.util.List;

/**
 * The accelerator at command level: main memory a byte array from address 0 (multi-byte values
 * little endian), the scratchpad rows of max(R, C) signed bytes, the accumulator rows of C int32
 * lanes (kept as little-endian bytes, so a DMA sees them as it would in hardware). Commands start
 * in the order a {@link CommandScheduler} policy picks and each takes effect as it starts:
 *
 * <ul>
 *   <li>LOAD: main-memory row r ({@code address + r * stride}, {@code rowBytes} bytes) onto
 *       ceil(rowBytes / local row bytes) local rows from {@code localRow + r * that}, the rest of
 *       the last one zero; target 0 the scratchpad, 1 the accumulator (overwrite).
 *   <li>STORE: exactly {@code rowBytes} bytes per row from the same local rows; target 2 reads
 *       accumulator rows through post-processing (the step's {@link RowConfig}, {@link
 *       Requantize#lane}) as int8 rows of C bytes, lane k at byte k.
 *   <li>COMPUTE: with preload, scratchpad rows {@code weightRow + k * (weightGap + 1)}, k < R,
 *       become the weight tile (row k, byte j: weight of input k for column j); input row i (the low R bytes of scratchpad
 *       row {@code inputRow + i}) gives {@code sum_k in[k] * W[k][j]} (int32, wrapping) into lane j
 *       of accumulator row {@code resultRow + i}, added when accumulating.
 * </ul>
 *
 * Local row numbers wrap around each memory; main-memory accesses outside the array throw.
 */
public final class AcceleratorModel {
  private final AcceleratorShape shape;
  private final int maxTokens;
  private final int queueDepth;
  private final byte[] memory;
  private final byte[] scratchpad;
  private final byte[] accumulator;
  private int[][] weightTile;
  private long loadBytes;
  private long storeBytes;
  private long computeRows;
  private long preloads;

  /** @param memory main memory, read and written in place */
  public AcceleratorModel(AcceleratorShape shape, int maxTokens, int queueDepth, byte[] memory) {
    this.shape = shape;
    this.maxTokens = maxTokens;
    this.queueDepth = queueDepth;
    this.memory = memory;
    this.scratchpad = new byte[shape.spRows() * shape.spRowBytes()];
    this.accumulator = new byte[shape.accRows() * shape.accRowBytes()];
  }

  /** Runs a program to the end; the traffic counts include earlier runs on this model. */
  public CommandScheduler.Result run(List<ProgramStep> program, Policy policy) {
    List<Command> commands = program.stream().map(step -> Command.decode(step.word())).toList();
    return CommandScheduler.run(commands, maxTokens, queueDepth, policy,
        index -> execute(commands.get(index), program.get(index).postProcessing()));
  }

  public Traffic traffic() {
    return new Traffic(loadBytes, storeBytes, computeRows, preloads,
        computeRows * shape.arrayRows() * shape.arrayCols());
  }

  private void execute(Command command, RowConfig post) {
    if (command instanceof Compute c) {
      compute(c);
    } else if (command instanceof Transfer t && t.opcode() == Opcode.LOAD) {
      load(t);
    } else {
      store((Transfer) command, post);
    }
  }

  private void load(Transfer t) {
    byte[] local = t.target() == Target.SCRATCHPAD ? scratchpad : accumulator;
    int localRowBytes = t.target() == Target.SCRATCHPAD ? shape.spRowBytes() : shape.accRowBytes();
    int perRow = ceilDiv(t.rowBytes(), localRowBytes);
    for (int r = 0; r < t.rows(); r++) {
      long rowAddress = t.address() + r * t.stride();
      for (int offset = 0; offset < perRow * localRowBytes; offset++) {
        long row = t.localRow() + (long) r * perRow + offset / localRowBytes;
        byte value = offset < t.rowBytes() ? memory[mainIndex(rowAddress + offset)] : 0;
        local[localIndex(local, localRowBytes, row, offset % localRowBytes)] = value;
      }
    }
    loadBytes += (long) t.rows() * t.rowBytes();
  }

  private void store(Transfer t, RowConfig post) {
    if ((t.target() == Target.POST_PROCESSED) != (post != null)) {
      throw new IllegalArgumentException("a STORE has post-processing parameters exactly when its target is 2, "
          + "got target " + t.target() + (post == null ? " without them" : " with them"));
    }
    int localRowBytes = switch (t.target()) {
      case SCRATCHPAD -> shape.spRowBytes();
      case ACCUMULATOR -> shape.accRowBytes();
      case POST_PROCESSED -> shape.arrayCols();
    };
    int perRow = ceilDiv(t.rowBytes(), localRowBytes);
    for (int r = 0; r < t.rows(); r++) {
      long rowAddress = t.address() + r * t.stride();
      for (int offset = 0; offset < t.rowBytes(); offset++) {
        long row = t.localRow() + (long) r * perRow + offset / localRowBytes;
        memory[mainIndex(rowAddress + offset)] = storedByte(t.target(), row, offset % localRowBytes, post);
      }
    }
    storeBytes += (long) t.rows() * t.rowBytes();
  }

  private byte storedByte(Target target, long row, int byteInRow, RowConfig post) {
    return switch (target) {
      case SCRATCHPAD -> scratchpad[localIndex(scratchpad, shape.spRowBytes(), row, byteInRow)];
      case ACCUMULATOR -> accumulator[localIndex(accumulator, shape.accRowBytes(), row, byteInRow)];
      case POST_PROCESSED -> (byte) Requantize.lane(accLane(row, byteInRow), post.bias()[byteInRow],
          post.multiplier()[byteInRow], post.shift()[byteInRow], post);
    };
  }

  private void compute(Compute c) {
    int r = shape.arrayRows();
    int cols = shape.arrayCols();
    if (c.preload()) {
      weightTile = new int[r][cols];
      for (int k = 0; k < r; k++) {
        for (int j = 0; j < cols; j++) {
          weightTile[k][j] = scratchpad[localIndex(scratchpad, shape.spRowBytes(),
              c.weightRow() + (long) k * (c.weightGap() + 1), j)];
        }
      }
      preloads++;
    } else if (weightTile == null) {
      throw new IllegalArgumentException("a COMPUTE without preload needs an earlier tile, but none was loaded");
    }
    for (int i = 0; i < c.rows(); i++) {
      for (int j = 0; j < cols; j++) {
        int sum = 0;
        for (int k = 0; k < r; k++) {
          sum += scratchpad[localIndex(scratchpad, shape.spRowBytes(), c.inputRow() + i, k)] * weightTile[k][j];
        }
        long row = c.resultRow() + i;
        setAccLane(row, j, c.accumulate() ? accLane(row, j) + sum : sum);
      }
    }
    computeRows += c.rows();
  }

  private int accLane(long row, int lane) {
    int base = localIndex(accumulator, shape.accRowBytes(), row, 4 * lane);
    return (accumulator[base] & 0xff) | (accumulator[base + 1] & 0xff) << 8 | (accumulator[base + 2] & 0xff) << 16
        | accumulator[base + 3] << 24;
  }

  private void setAccLane(long row, int lane, int value) {
    int base = localIndex(accumulator, shape.accRowBytes(), row, 4 * lane);
    for (int b = 0; b < 4; b++) {
      accumulator[base + b] = (byte) (value >> (8 * b));
    }
  }

  /** Row numbers wrap around the memory, as the hardware's address bits do. */
  private static int localIndex(byte[] local, int rowBytes, long row, int byteInRow) {
    return (int) Math.floorMod(row, (long) (local.length / rowBytes)) * rowBytes + byteInRow;
  }

  private int mainIndex(long address) {
    if (address < 0 || address >= memory.length) {
      throw new IndexOutOfBoundsException("main-memory address " + address + " outside 0 to " + (memory.length - 1));
    }
    return (int) address;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
