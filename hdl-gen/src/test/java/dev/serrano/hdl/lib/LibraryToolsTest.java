package dev.serrano.hdl.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Components beyond the shipped configurations: every reset style lint-clean, and memories that become block RAM. */
class LibraryToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "reset={0}")
  @ValueSource(strings = {"sync_high", "sync_low", "async_high", "async_low"})
  void everyResetStyleIsCleanUnderAllThreeTools(String reset) throws IOException {
    List<Map<String, String>> tops = List.of(
        Map.of("top", "fifo", "width", "8", "depth", "4"),
        Map.of("top", "mac_grid", "rows", "2", "cols", "3", "type", "u4", "accWidth", "12"));
    for (Map<String, String> parameters : tops) {
      String top = parameters.get("top");
      Map<String, String> withReset = new java.util.HashMap<>(parameters);
      withReset.remove("top");
      withReset.put("reset", reset);
      Path out = dir.resolve(top);
      OutputWriter.write(Catalog.design(top, withReset), out);
      for (RtlLint.Result result : RtlLint.run(out)) {
        assertTrue(result.passed(), top + " reset=" + reset + ": " + result.tool() + "\n" + result.output());
      }
    }
  }

  @Test
  void asynchronousActiveLowResetIsInTheSensitivityList() throws IOException {
    Path out = dir.resolve("pe");
    OutputWriter.write(Catalog.design("pe_mac", Map.of("reset", "async_low")), out);
    String verilog = Files.readString(out.resolve("pe_mac_s8_a32_arn.v"));
    assertTrue(verilog.contains("  always @(posedge clk or negedge rst_n) begin\n    if (!rst_n) begin\n"), verilog);
    assertTrue(verilog.contains("  input  wire               rst_n,\n"), verilog);
  }

  @Test
  void fifoStorageBecomesBlockRamOnIce40() throws IOException, InterruptedException {
    Path out = dir.resolve("fifo");
    OutputWriter.write(Catalog.design("fifo", Map.of("width", "16", "depth", "256")), out);
    Process yosys = new ProcessBuilder("yosys", "-p", "read_verilog fifo_w16_d256.v; synth_ice40 -top fifo_w16_d256; stat")
        .directory(out.toFile()).redirectErrorStream(true).start();
    String log = new String(yosys.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    yosys.waitFor(5, TimeUnit.MINUTES);
    assertEquals(0, yosys.exitValue(), log);
    Matcher ram = Pattern.compile("SB_RAM40_4K\\s+(\\d+)").matcher(log);
    assertTrue(ram.find(), "no SB_RAM40_4K in the synthesis statistics:\n" + log);
    assertEquals(1, Integer.parseInt(ram.group(1)), "256 x 16 bits fill exactly one 4 Kbit iCE40 block RAM");
    Matcher flops = Pattern.compile("SB_DFF\\w*\\s+(\\d+)").matcher(log);
    int flipFlops = 0;
    while (flops.find()) {
      flipFlops += Integer.parseInt(flops.group(1));
    }
    assertTrue(flipFlops < 64, "the storage must not be flip-flops: " + flipFlops + " flip-flops\n" + log);
  }
}
