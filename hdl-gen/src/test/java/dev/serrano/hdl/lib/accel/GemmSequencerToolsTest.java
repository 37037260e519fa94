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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GEMM sequencer passes verilator -Wall, iverilog and yosys check; bad parameters are named. */
class GemmSequencerToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "r{0} c{1} {2}")
  @CsvSource({
      "16, 16, sync_high",
      "3, 5, async_low",
      "1, 256, sync_low",
  })
  void cleanUnderAllThreeTools(int rows, int cols, String reset) throws IOException {
    Module module = GemmSequencer.build(new GemmSequencer.Config(rows, cols, Resets.parse("reset", reset)));
    Path out = dir.resolve(module.name());
    OutputWriter.write(Design.of(module), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), module.name() + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void badConfigurationsNameTheParameter() {
    ConfigException e = assertThrows(ConfigException.class, () -> new GemmSequencer.Config(0, 4,
        Resets.parse("reset", "sync_high")));
    assertEquals("rows must be from 1 to 256, got 0", e.getMessage());
    e = assertThrows(ConfigException.class, () -> new GemmSequencer.Config(4, 257,
        Resets.parse("reset", "sync_high")));
    assertEquals("cols must be from 1 to 256, got 257", e.getMessage());
  }
}
