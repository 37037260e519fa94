package dev.serrano.hdl.lib.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.tools.RtlLint;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.Synthesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The post-processing unit through the tools: lint-clean for several lane counts and every reset
 * style, its 32 x 32 multiplies in DSP48E1 blocks on Xilinx 7-series, deterministic text, and a
 * named, ranged error for every bad parameter.
 */
class PostProcessToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "lanes={0} reset={1}")
  @CsvSource({"1, sync_high", "4, sync_low", "16, async_high", "20, async_low"})
  void isCleanUnderAllThreeTools(int lanes, String reset) throws IOException {
    Path out = dir.resolve("lint");
    OutputWriter.write(Catalog.design("post_process", Map.of("lanes", "" + lanes, "reset", reset)), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), "lanes=" + lanes + " " + reset + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void multipliesMapToDspBlocksOnXilinx() throws IOException {
    int lanes = 2;
    PostProcess.Config config = new PostProcess.Config(lanes, ResetStyle.SYNC_ACTIVE_HIGH);
    Path out = dir.resolve("xilinx");
    EmittedDesign emitted = OutputWriter.write(Design.of(PostProcess.build(config)), out);
    ResourceReport cells = Synthesis.run(out, emitted.verilogFiles(), emitted.top(), Flow.XILINX);
    System.out.println("PostProcess " + config.moduleName() + " synth_xilinx: " + cells);
    int dsps = cells.count("DSP48E1");
    // A signed 32 x 32 product needs 2 x 2 DSP48E1 (25 x 18 signed multipliers) at most, at least 2.
    assertTrue(dsps >= 2 * lanes && dsps <= 4 * lanes, "DSP48E1 per lane out of 2..4: " + cells);
  }

  @Test
  void emitsTheSameTextTwice() throws IOException {
    PostProcess.Config config = new PostProcess.Config(3, ResetStyle.ASYNC_ACTIVE_LOW);
    OutputWriter.write(Design.of(PostProcess.build(config)), dir.resolve("a"));
    OutputWriter.write(Design.of(PostProcess.build(config)), dir.resolve("b"));
    String name = config.moduleName() + ".v";
    assertEquals("post_process_l3_arn.v", name);
    assertEquals(Files.readString(dir.resolve("a").resolve(name)), Files.readString(dir.resolve("b").resolve(name)));
  }

  @Test
  void rejectsBadParametersByName() {
    assertEquals("lanes must be from 1 to 256, got 0",
        assertThrows(ConfigException.class, () -> new PostProcess.Config(0, ResetStyle.SYNC_ACTIVE_HIGH)).getMessage());
    assertEquals("lanes must be from 1 to 256, got 257",
        assertThrows(ConfigException.class, () -> new PostProcess.Config(257, ResetStyle.SYNC_ACTIVE_HIGH)).getMessage());
    assertEquals("accWidth must be 32 (TFLite requantisation is defined on int32 accumulators), got 24",
        assertThrows(ConfigException.class, () -> new PostProcess.Config(4, 24, ResetStyle.SYNC_ACTIVE_HIGH))
            .getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> Catalog.design("post_process", Map.of("lanes", "x")))
        .getMessage().startsWith("lanes must be an integer"));
  }
}
