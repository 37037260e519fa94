package dev.serrano.hdl.lib.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The controller passes verilator -Wall, iverilog and yosys check; the command format is consistent. */
class ControllerToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "a{0} l{1} sp{2} acc{3} q{4} t{5} c{6} {7}")
  @CsvSource({
      "32, 14, 13, 10, 8, 7, 10, sync_high",
      "20, 1, 1, 1, 2, 1, 1, async_low",
  })
  void cleanUnderAllThreeTools(int aw, int lw, int spAw, int accAw, int depth, int tokens, int inFlight, String reset)
      throws IOException {
    Module module = Controller.build(new Controller.Config(aw, lw, spAw, accAw, depth, tokens, inFlight,
        Resets.parse("reset", reset)));
    Path out = dir.resolve(module.name());
    OutputWriter.write(Design.of(module), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), module.name() + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void badConfigurationsNameTheParameter() {
    ConfigException e = assertThrows(ConfigException.class, () -> new Controller.Config(33, 10, 10, 10, 8, 3, 4,
        Resets.parse("reset", "sync_high")));
    assertTrue(e.getMessage().contains("addressWidth"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new Controller.Config(32, 10, 10, 10, 6, 3, 4,
        Resets.parse("reset", "sync_high")));
    assertTrue(e.getMessage().contains("queueDepth"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new Controller.Config(32, 10, 10, 10, 8, 3, 0,
        Resets.parse("reset", "sync_high")));
    assertTrue(e.getMessage().contains("computeInFlight"), e.getMessage());
  }

  @Test
  void fieldsOfOneOpcodeDoNotOverlapAndFitTheWord() {
    // The GEMM argument words share an opcode and are told apart by args_word: one group each.
    for (String group : new String[] {"LOAD", "STORE", "COMPUTE", "FENCE", "CONFIG", "GEMM_ARGS 0", "GEMM_ARGS 1",
        "GEMM_START"}) {
      BigInteger used = BigInteger.ZERO;
      for (CommandFormat.Field f : CommandFormat.FIELDS) {
        if (!inGroup(f, group)) {
          continue;
        }
        assertTrue(f.msb() < CommandFormat.WIDTH, f.name());
        BigInteger bits = BigInteger.ONE.shiftLeft(f.width()).subtract(BigInteger.ONE).shiftLeft(f.lsb());
        assertEquals(BigInteger.ZERO, used.and(bits), group + ": " + f.name() + " overlaps");
        used = used.or(bits);
      }
    }
    BigInteger word = CommandFormat.encode(CommandFormat.Opcode.STORE.code, Map.of("stride", 0xFFFFFFFFL, "rows", 3L));
    assertEquals(BigInteger.valueOf(0xFFFFFFFFL), word.shiftRight(96));
    assertEquals(3, word.shiftRight(28).intValue() & 0xFFFF);
    assertTrue(CommandFormat.cHeader("SERRANO_").contains("#define SERRANO_CMD_STRIDE_LSB 96"));
  }

  /** A field belongs to the group named in its opcode list, or to every word of an opcode it names. */
  private static boolean inGroup(CommandFormat.Field f, String group) {
    return f.opcodes().equals("all") || Arrays.stream(f.opcodes().split(", "))
        .anyMatch(opcodes -> opcodes.equals(group) || group.startsWith(opcodes + " "));
  }

  @Test
  void gemmWordsHaveTheirFieldsWhereTheTableSays() {
    // GEMM_ARGS (5), word 1: K = 0x1234 at 31:16, ldb 0x89abcdef at 95:64, 3 slots at 127:120; bits by hand.
    BigInteger args = CommandFormat.encode(CommandFormat.Opcode.GEMM_ARGS.code,
        Map.of("args_word", 1L, "gemm_k", 0x1234L, "gemm_ldb", 0x89abcdefL, "gemm_slots", 3L));
    assertEquals(new BigInteger("03000000" + "89abcdef" + "00000000" + "1234000d", 16), args);
    // GEMM_START (6): int8 at bit 7, N = 7, accumulator buffer rows 0xfffff at 115:96.
    BigInteger start = CommandFormat.encode(CommandFormat.Opcode.GEMM_START.code,
        Map.of("gemm_int8", 1L, "gemm_n", 7L, "gemm_acc_buffer_rows", 0xfffffL));
    assertEquals(new BigInteger("000fffff" + "00000000" + "00000000" + "00070086", 16), start);
    assertTrue(CommandFormat.cHeader("SERRANO_").contains("#define SERRANO_OP_GEMM_START 6"));
    assertTrue(CommandFormat.markdownTable().contains("| 127:120 | `gemm_slots` | GEMM_ARGS 1 |"));
  }

  @Test
  void dmaCommandsHaveATwoBitTargetAt8To7AndNineteenBitRowBytesAt27To9() {
    // STORE (1), target 2 (post-processed), 512 KiB - 1 bytes per row, 5 rows: bits written out by hand.
    BigInteger word = CommandFormat.encode(CommandFormat.Opcode.STORE.code,
        Map.of("target", 2L, "row_bytes", 0x7FFFFL, "rows", 5L));
    BigInteger expected = BigInteger.ONE.or(BigInteger.TWO.shiftLeft(7))
        .or(BigInteger.valueOf(0x7FFFF).shiftLeft(9)).or(BigInteger.valueOf(5).shiftLeft(28));
    assertEquals(expected, word);
    assertThrows(IllegalArgumentException.class, () -> CommandFormat.encode(CommandFormat.Opcode.LOAD.code,
        Map.of("row_bytes", 1L << 19)), "row_bytes beyond 19 bits");
    String table = CommandFormat.markdownTable();
    assertTrue(table.contains("| 8:7 | `target` | LOAD, STORE | 0 scratchpad, 1 accumulator (int32), 2 accumulator"
        + " through post-processing (int8, STORE only"), table);
    assertTrue(table.contains("| 27:9 | `row_bytes` |"), table);
  }
}
