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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The controller passes verilator -Wall, iverilog and yosys check; the command format is consistent. */
class ControllerToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "a{0} l{1} sp{2} acc{3} q{4} t{5} {6}")
  @CsvSource({
      "32, 14, 13, 10, 8, 7, sync_high",
      "20, 1, 1, 1, 2, 1, async_low",
  })
  void cleanUnderAllThreeTools(int aw, int lw, int spAw, int accAw, int depth, int tokens, String reset)
      throws IOException {
    Module module = Controller.build(new Controller.Config(aw, lw, spAw, accAw, depth, tokens,
        Resets.parse("reset", reset)));
    Path out = dir.resolve(module.name());
    OutputWriter.write(Design.of(module), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), module.name() + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void badConfigurationsNameTheParameter() {
    ConfigException e = assertThrows(ConfigException.class, () -> new Controller.Config(33, 10, 10, 10, 8, 3,
        Resets.parse("reset", "sync_high")));
    assertTrue(e.getMessage().contains("addressWidth"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new Controller.Config(32, 10, 10, 10, 6, 3,
        Resets.parse("reset", "sync_high")));
    assertTrue(e.getMessage().contains("queueDepth"), e.getMessage());
  }

  @Test
  void fieldsOfOneOpcodeDoNotOverlapAndFitTheWord() {
    for (String group : new String[] {"LOAD", "STORE", "COMPUTE", "FENCE"}) {
      BigInteger used = BigInteger.ZERO;
      for (CommandFormat.Field f : CommandFormat.FIELDS) {
        if (!f.opcodes().equals("all") && !f.opcodes().contains(group)) {
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
}
