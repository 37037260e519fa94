package dev.serrano.hdl.lib.array;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arrays of every dataflow, type mix, tiling and reset style pass verilator -Wall, iverilog and yosys check. */
class PeArrayToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}x{1} {2} {3}x{4} sat={5} tiles {6}x{7} {8}")
  @CsvSource({
      "12, 20, ws,   s8,  s8,  false, 1, 1, sync_high",
      "3,  5,  os,   u16, s4,  true,  1, 5, sync_low",
      "4,  6,  both, s4,  u8,  true,  2, 3, async_high",
      "1,  1,  both, u4,  u4,  false, 1, 1, async_low",
      "8,  2,  ws,   u16, u16, true,  4, 2, sync_high",
  })
  void everyVariantIsCleanUnderAllThreeTools(int rows, int cols, String dataflow, String input, String weight,
      boolean saturate, int tileRows, int tileCols, String reset) throws IOException {
    Map<String, String> parameters = new HashMap<>(Map.of("rows", "" + rows, "cols", "" + cols,
        "dataflow", dataflow, "input", input, "weight", weight, "saturate", "" + saturate,
        "tileRows", "" + tileRows, "tileCols", "" + tileCols, "reset", reset));
    parameters.put("accWidth", "" + Math.max(32, Integer.parseInt(input.substring(1)) + Integer.parseInt(weight.substring(1))));
    Path out = dir.resolve("array");
    OutputWriter.write(Catalog.design("pe_array", parameters), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), parameters + ": " + result.tool() + "\n" + result.output());
    }
  }
}
