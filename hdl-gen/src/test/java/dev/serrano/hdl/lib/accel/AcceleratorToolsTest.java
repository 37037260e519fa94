package dev.serrano.hdl.lib.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accelerator top: non-square, non-power-of-two arrays pass verilator -Wall, iverilog and yosys
 * check; its C headers compile together; bad parameters name themselves.
 */
class AcceleratorToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} x {1}, {2}-bit bus, {3}")
  @CsvSource({
      "12, 20, 64, async_low",
      "3, 5, 32, sync_high",
  })
  void cleanUnderAllThreeTools(int rows, int cols, int dataWidth, String reset) throws IOException {
    Map<String, String> parameters = new TreeMap<>(Map.of("rows", "" + rows, "cols", "" + cols, "spBanks", "2",
        "spRows", "64", "accBanks", "2", "accRows", "32", "dataWidth", "" + dataWidth, "maxBurst", "16",
        "outstanding", "4", "queueDepth", "4"));
    parameters.put("reset", reset);
    Design design = Catalog.design("accelerator", parameters);
    Path out = dir.resolve(design.top().name());
    OutputWriter.write(design, out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), design.top().name() + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void theRegisterAndCommandHeadersCompileTogether() throws IOException, InterruptedException {
    EmittedDesign emitted = EmittedDesign.of(Catalog.design("accelerator", Map.of("rows", "12", "cols", "20")));
    String top = emitted.top();
    for (String suffix : new String[] {"_regs.h", Accelerator.COMMANDS_HEADER_SUFFIX}) {
      Files.writeString(dir.resolve(top + suffix), emitted.files().get(top + suffix));
    }
    Files.writeString(dir.resolve("use.c"), "#include \"" + top + "_regs.h\"\n#include \"" + top + "_cmds.h\"\n"
        + "#include \"" + top + "_cmds.h\"\n"
        + "unsigned values[] = {SERRANO_ACCEL_CMD_WORD3_OFFSET, SERRANO_ACCEL_PP_SHIFT_19_OFFSET,"
        + " SERRANO_ACCEL_OP_CONFIG, SERRANO_ACCEL_CMD_STRIDE_LSB, SERRANO_ACCEL_ARRAY_SHAPE_RESET,"
        + " SERRANO_ACCEL_OP_GEMM_START, SERRANO_ACCEL_CMD_GEMM_SLOTS_LSB, SERRANO_ACCEL_CMD_ARGS_WORD_WIDTH};\n");
    Process cc = new ProcessBuilder("cc", "-Wall", "-Wextra", "-Werror", "-std=c99", "-pedantic", "-c", "use.c",
        "-o", "use.o").directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(cc.getInputStream().readAllBytes());
    assertEquals(0, cc.waitFor(), output);
    String header = emitted.files().get(top + "_regs.h");
    assertTrue(header.contains("#define SERRANO_ACCEL_ARRAY_SHAPE_RESET 0x0014000cu"), "rows 12, cols 20 read back");
    assertTrue(header.contains("#define SERRANO_ACCEL_PP_SHIFT_19_OFFSET 0x00000c4cu"), "column 19's shift");
  }

  @Test
  void badParametersNameThemselves() {
    assertMessage("unknown parameter \"dataflow\"", Map.of("dataflow", "os"));
    ConfigException e = assertThrows(ConfigException.class, () -> new Accelerator.Config(
        Catalog.arrayConfig(Map.of("dataflow", "os")), 4, 64, 2, 32, 128, 32, 4, 16, 4, 4, 4));
    assertTrue(e.getMessage().contains("dataflow must be ws"), e.getMessage());
    assertMessage("addressWidth", Map.of("addressWidth", "40"));
    assertMessage("cols", Map.of("cols", "300"));
    assertMessage("spBanks", Map.of("spBanks", "3"));
    assertMessage("queueDepth", Map.of("queueDepth", "3"));
    // Found by fuzzing: this elaborated into "constant 15 does not fit u3", naming no parameter.
    assertMessage("spBanks x spRows must give the scratchpad at least R + 1 = 17 rows (a weight tile and an input"
        + " row), got 4 x 2 = 8", Map.of("rows", "16", "spBanks", "4", "spRows", "2"));
    Catalog.design("accelerator", Map.of("rows", "16", "spBanks", "1", "spRows", "32"));
  }

  private static void assertMessage(String expected, Map<String, String> parameters) {
    ConfigException e = assertThrows(ConfigException.class, () -> Catalog.design("accelerator", parameters));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
