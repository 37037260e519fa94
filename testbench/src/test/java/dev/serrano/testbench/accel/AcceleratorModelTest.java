package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.accel.Command.Compute;
import dev.serrano.testbench.accel.Command.Target;
import dev.serrano.testbench.accel.Command.Transfer;
import dev.serrano.testbench.model.Requantize.RowConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model's command semantics on a 2 x 3 array against values worked out by hand. */
class AcceleratorModelTest {
  /** R = 2, C = 3: scratchpad rows of 3 bytes, accumulator rows of 3 int32 lanes. */
  private static final AcceleratorShape SHAPE = new AcceleratorShape(2, 3, 1, 8, 1, 4, 4);
  private static final Tokens PUSH = Tokens.NONE.withPushNext(true);
  private static final Tokens POP = Tokens.NONE.withPopPrev(true);

  private static Transfer load(int rows, int rowBytes, int local, int address, int stride) {
    return new Transfer(Opcode.LOAD, PUSH, Target.SCRATCHPAD, rows, rowBytes, local, address, stride);
  }

  private static Transfer store(Target target, int rows, int rowBytes, int local, int address, int stride) {
    return new Transfer(Opcode.STORE, POP, target, rows, rowBytes, local, address, stride);
  }

  private static void run(byte[] memory, List<ProgramStep> program) {
    new AcceleratorModel(SHAPE, 4, 2, memory).run(program, CommandScheduler.random(new Random(0)));
  }

  /**
   * A 4-byte row takes two 3-byte local rows, the second zero after its first byte; the store
   * writes back exactly 4 bytes per row, at its own stride, and nothing else.
   */
  @Test
  void transfersSpreadLongRowsOverLocalRowsAndZeroFill() {
    byte[] memory = new byte[180];
    for (int i = 0; i < 14; i++) {
      memory[i] = (byte) (i + 1);
    }
    Arrays.fill(memory, 96, 180, (byte) -1);
    Transfer toScratchpad = load(2, 4, 1, 0, 10).withTokens(Tokens.NONE);
    Transfer back = store(Target.SCRATCHPAD, 4, 3, 1, 100, 20).withTokens(Tokens.NONE);
    run(memory, List.of(ProgramStep.of(toScratchpad), ProgramStep.of(new Command.Fence()), ProgramStep.of(back)));
    // Local rows 1..4: [1 2 3] [4 0 0] [11 12 13] [14 0 0], each stored as a 3-byte row.
    assertArrayEquals(new byte[] {1, 2, 3, -1}, Arrays.copyOfRange(memory, 100, 104));
    assertArrayEquals(new byte[] {4, 0, 0, -1}, Arrays.copyOfRange(memory, 120, 124));
    assertArrayEquals(new byte[] {11, 12, 13, -1}, Arrays.copyOfRange(memory, 140, 144));
    assertArrayEquals(new byte[] {14, 0, 0, -1}, Arrays.copyOfRange(memory, 160, 164));
    assertEquals(-1, memory[99]);
  }

  /**
   * W = [[1, 2, 3], [-1, 0, 4]]; inputs [5, 6] and [-2, 1] (a third byte 99 is not an input):
   * [5*1 - 6, 5*2, 5*3 + 6*4] = [-1, 10, 39] and [-2 - 1, -4, -6 + 4] = [-3, -4, -2]; a second
   * COMPUTE reusing the tile and accumulating doubles them. Stored as int32 little endian.
   */
  @Test
  void computeMultipliesInputRowsByTheTileAndAccumulates() {
    byte[] memory = new byte[64];
    byte[] operands = {1, 2, 3, -1, 0, 4, 5, 6, 99, -2, 1, 99};
    System.arraycopy(operands, 0, memory, 0, operands.length);
    Compute first = new Compute(new Tokens(true, false, false, false), true, false, 2, 0, 0, 2, 1);
    Compute second = new Compute(Tokens.NONE.withPushNext(true), false, true, 2, 0, 0, 2, 1);
    run(memory, List.of(ProgramStep.of(load(4, 3, 0, 0, 3)), ProgramStep.of(first), ProgramStep.of(second),
        ProgramStep.of(store(Target.ACCUMULATOR, 2, 12, 1, 16, 12))));
    int[] expected = {-2, 20, 78, -6, -8, -4};
    for (int i = 0; i < expected.length; i++) {
      int at = 16 + 4 * i;
      int value = (memory[at] & 0xff) | (memory[at + 1] & 0xff) << 8 | (memory[at + 2] & 0xff) << 16
          | memory[at + 3] << 24;
      assertEquals(expected[i], value, "lane " + i);
    }
  }

  /**
   * The results [-1, 10, 39] through bias [1, 0, 0], multiplier 2^30 with shift 1 (x 2 x 2^30 /
   * 2^31 = x), zero point 3: [3, 13, 42]; a 2-byte row stores lanes 0 and 1 only.
   */
  @Test
  void postProcessedStoreWritesInt8Lanes() {
    byte[] memory = new byte[64];
    byte[] operands = {1, 2, 3, -1, 0, 4, 5, 6, 99};
    System.arraycopy(operands, 0, memory, 0, operands.length);
    Arrays.fill(memory, 40, 64, (byte) -7);
    RowConfig post = new RowConfig(new int[] {1, 0, 0}, new int[] {1 << 30, 1 << 30, 1 << 30}, new int[] {1, 1, 1},
        3, -128, 127, true, true);
    Compute compute = new Compute(new Tokens(true, false, false, true), true, false, 1, 0, 0, 2, 0);
    Transfer store = store(Target.POST_PROCESSED, 1, 2, 0, 40, 2);
    run(memory, List.of(ProgramStep.of(load(3, 3, 0, 0, 3)), ProgramStep.of(compute),
        new ProgramStep(store.encode(), post)));
    assertArrayEquals(new byte[] {3, 13, -7}, Arrays.copyOfRange(memory, 40, 43));
  }

  @Test
  void commandsSurviveEncodingAndDecoding() {
    Transfer transfer = new Transfer(Opcode.STORE, new Tokens(true, false, true, false), Target.ACCUMULATOR, 65535,
        (1 << 19) - 1, (1 << 20) - 1, 0xffff_fff0L, 0x1234_5678L);
    Compute compute = new Compute(new Tokens(false, true, false, true), true, true, 65535, 7, 127, 0xffff_ffffL, 9);
    assertEquals(transfer, Command.decode(transfer.encode()));
    assertEquals(compute, Command.decode(compute.encode()));
    assertEquals(new Command.Fence(), Command.decode(new Command.Fence().encode()));
  }
}
