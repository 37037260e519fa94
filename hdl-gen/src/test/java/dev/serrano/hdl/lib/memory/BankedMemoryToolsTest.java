package dev.serrano.hdl.lib.memory;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The banked memory through the tools: lint-clean in every shape and reset style, block RAM (not
 * flip-flops) for the default 256 KiB scratchpad and 64 KiB accumulator on Xilinx 7-series and a
 * small one on iCE40, deterministic text, and a named, ranged error for every bad parameter.
 */
class BankedMemoryToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', value = {
      "scratchpad; banks=1 rows=2 rowWidth=1 readClients=1 writeClients=1",
      "scratchpad; banks=4 rows=16 rowWidth=96 readClients=3 writeClients=2 reset=async_low",
      "scratchpad; banks=64 rows=4 rowWidth=8 readClients=2 writeClients=1",
      "scratchpad; banks=2 rows=4 rowWidth=8 readClients=8 writeClients=8",
      "accumulator; banks=1 rows=4 lanes=2 laneWidth=4 saturate=true readClients=2 writeClients=1",
      "accumulator; banks=2 rows=16 lanes=5 laneWidth=32 readClients=3 writeClients=3 reset=sync_low",
      "accumulator; banks=8 rows=8 lanes=3 laneWidth=64 saturate=true readClients=1 writeClients=5 reset=async_high",
  })
  void isCleanUnderAllThreeTools(String top, String parameters) throws IOException {
    Path out = dir.resolve("lint");
    OutputWriter.write(Catalog.design(top, parse(parameters)), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), top + " " + parameters + ": " + result.tool() + "\n" + result.output());
    }
  }

  @Test
  void theDefaultScratchpadIsBlockRamOnXilinx() throws IOException {
    // 4 banks x 4096 rows x 128 bits = 256 KiB = 2 097 152 bits.
    ResourceReport cells = synthesize("scratchpad", Map.of(), Flow.XILINX);
    assertBlockRam(cells, 4L * 4096 * 128, 64);
  }

  @Test
  void theDefaultAccumulatorIsBlockRamOnXilinx() throws IOException {
    // 2 banks x 512 rows x (16 x 32) bits = 64 KiB; the pending write and the forwarded row are
    // 2 x 512 flip-flops per bank.
    ResourceReport cells = synthesize("accumulator", Map.of(), Flow.XILINX);
    assertBlockRam(cells, 2L * 512 * 512, 2 * 2 * 512 + 128);
  }

  @Test
  void aSmallScratchpadIsBlockRamOnIce40() throws IOException {
    ResourceReport cells = synthesize("scratchpad",
        Map.of("banks", "2", "rows", "256", "rowWidth", "16"), Flow.ICE40);
    assertEquals(2, cells.count("SB_RAM40_4K"), "one 256 x 16 block per bank: " + cells);
    assertTrue(cells.ff() < 128, "8 Kbit of storage must not be flip-flops: " + cells);
  }

  @Test
  void emitsTheSameTextTwice() {
    BankedMemory.Config config = BankedMemory.Config.accumulator(4, 8, new BankedMemory.Lanes(3, 8, true), 3, 2,
        ResetStyle.SYNC_ACTIVE_HIGH);
    assertEquals(EmittedDesign.of(Design.of(BankedMemory.build(config))).files(),
        EmittedDesign.of(Design.of(BankedMemory.build(config))).files());
  }

  @Test
  void namesEncodeEveryParameter() {
    assertEquals("banked_mem_b4_r4096_w128_rd2_wr1", Catalog.design("scratchpad", Map.of()).top().name());
    assertEquals("banked_mem_b2_r512_w512_rd1_wr2_acc16x32",
        Catalog.design("accumulator", Map.of()).top().name());
    assertEquals("banked_mem_b1_r4_w8_rd2_wr1_acc2x4_sat_arn", BankedMemory.Config.accumulator(1, 4,
        new BankedMemory.Lanes(2, 4, true), 2, 1, ResetStyle.ASYNC_ACTIVE_LOW).moduleName());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', value = {
      "scratchpad; banks=3; banks must be a power of two from 1 to 64, got 3",
      "scratchpad; banks=128; banks must be a power of two from 1 to 64, got 128",
      "scratchpad; rows=1; rows must be a power of two from 2 to 65536, got 1",
      "scratchpad; rows=100; rows must be a power of two from 2 to 65536, got 100",
      "scratchpad; rowWidth=0; rowWidth must be from 1 to 4096, got 0",
      "scratchpad; rowWidth=4097; rowWidth must be from 1 to 4096, got 4097",
      "scratchpad; readClients=0; readClients must be from 1 to 8, got 0",
      "scratchpad; writeClients=9; writeClients must be from 1 to 8, got 9",
      "accumulator; lanes=0; lanes must be from 1 to 4096, got 0",
      "accumulator; laneWidth=1; laneWidth must be from 2 to 64, got 1",
      "accumulator; laneWidth=65; laneWidth must be from 2 to 64, got 65",
      "accumulator; lanes=128 laneWidth=64; lanes x laneWidth (the row width) must be at most 4096, got 128 x 64 = 8192",
      "accumulator; readClients=9; readClients must be from 1 to 8, got 9",
      "accumulator; saturate=maybe; saturate must be true or false, got \"maybe\"",
      "accumulator; reset=none; reset must be one of sync_high, sync_low, async_high, async_low, got \"none\"",
      "accumulator; rowWidth=512; unknown parameter \"rowWidth\" for top accumulator",
  })
  void badParametersAreNamedWithTheirRange(String top, String parameters, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> Catalog.design(top, parse(parameters)));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void lanesMustFillTheRowExactly() {
    ConfigException e = assertThrows(ConfigException.class, () -> new BankedMemory.Config(2, 8, 100, 1, 1,
        Optional.of(new BankedMemory.Lanes(3, 32, false)), ResetStyle.SYNC_ACTIVE_HIGH));
    assertEquals("lanes x laneWidth must equal rowWidth (100), got 3 x 32 = 96", e.getMessage());
  }

  private ResourceReport synthesize(String top, Map<String, String> parameters, Flow flow)
      throws IOException {
    Path out = dir.resolve(top);
    EmittedDesign emitted = OutputWriter.write(Catalog.design(top, parameters), out);
    List<String> files = Files.readAllLines(out.resolve(emitted.top() + ".f")).stream()
        .filter(line -> !line.isBlank()).toList();
    return Synthesis.run(out, files, emitted.top(), flow);
  }

  /** Block RAM holds every stored bit; flip-flops stay at the control and pipeline registers. */
  private static void assertBlockRam(ResourceReport cells, long storageBits, int maxFlipFlops) {
    long ramBits = 36L * 1024 * cells.count("RAMB36E1") + 18L * 1024 * cells.count("RAMB18E1");
    assertTrue(ramBits >= storageBits, "block RAM holds " + ramBits + " of " + storageBits + " bits: " + cells);
    int flipFlops = cells.ff();
    assertTrue(flipFlops <= maxFlipFlops, flipFlops + " flip-flops for " + storageBits + " bits: " + cells);
  }

  private static Map<String, String> parse(String parameters) {
    Map<String, String> map = new HashMap<>();
    for (String pair : parameters.trim().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      map.put(kv[0], kv[1]);
    }
    return map;
  }
}
