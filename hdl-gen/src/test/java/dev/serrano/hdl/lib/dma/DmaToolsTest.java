package dev.serrano.hdl.lib.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DMA engines and their parts pass verilator -Wall, iverilog and yosys check for several bus shapes. */
class DmaToolsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}-bit bus, {1}-bit addresses, bursts {2}, rows {3}/{4} B, {5}")
  @CsvSource({
      "128, 32, 256, 16, 64, sync_high",
      "32,  64, 16,  12, 48, sync_low",
      "512, 32, 64,  20, 80, async_high",
      "64,  40, 1,   16, 0,  async_low",
      // The smallest address space: narrower than a row's beat count (failed the width check before).
      "32,  12, 256, 16, 64, sync_high",
      "128, 20, 16,  16, 64, sync_high",
  })
  void enginesAreCleanUnderAllThreeTools(int dataWidth, int addressWidth, int maxBurst, int spRowBytes,
      int accRowBytes, String reset) throws IOException {
    List<LocalMemory> locals = accRowBytes == 0 ? List.of(new LocalMemory("sp", spRowBytes, 10))
        : List.of(new LocalMemory("sp", spRowBytes, 12), new LocalMemory("acc", accRowBytes, 9));
    DmaConfig config = new DmaConfig(dataWidth, addressWidth, 4, maxBurst, 4, locals, Resets.parse("reset", reset));
    for (Module module : List.of(DmaReader.build(config), DmaWriter.build(config))) {
      Path out = dir.resolve(module.name());
      OutputWriter.write(Design.of(module), out);
      for (RtlLint.Result result : RtlLint.run(out)) {
        assertTrue(result.passed(), module.name() + ": " + result.tool() + "\n" + result.output());
      }
    }
  }

  @Test
  void aStoreOnlySourceIsCleanUnderAllThreeToolsAndMustComeLast() throws IOException {
    LocalMemory out = LocalMemory.storeOnly("out", 16, 10, 13);
    DmaConfig config = new DmaConfig(128, 32, 4, 256, 16, List.of(new LocalMemory("sp", 16, 12),
        new LocalMemory("acc", 64, 10), out), Resets.parse("reset", "sync_high"));
    for (Module module : List.of(DmaReader.build(config), DmaWriter.build(config))) {
      Path folder = dir.resolve(module.name());
      OutputWriter.write(Design.of(module), folder);
      for (RtlLint.Result result : RtlLint.run(folder)) {
        assertTrue(result.passed(), module.name() + ": " + result.tool() + "\n" + result.output());
      }
    }
    assertEquals(List.of("sp", "acc"), config.loadTargets().stream().map(LocalMemory::name).toList());
    ConfigException e = assertThrows(ConfigException.class, () -> new DmaConfig(128, 32, 4, 256, 16,
        List.of(new LocalMemory("sp", 16, 12), out, new LocalMemory("acc", 64, 10)),
        Resets.parse("reset", "sync_high")));
    assertEquals("locals: loadable memories must come before the store-only ones (one target numbering for both"
        + " engines), got [sp, out, acc]", e.getMessage());
    e = assertThrows(ConfigException.class, () -> new DmaConfig(128, 32, 4, 256, 16, List.of(out),
        Resets.parse("reset", "sync_high")));
    assertEquals("locals: the first local memory must be loadable, got store-only out", e.getMessage());
  }

  @ParameterizedTest(name = "memory system {0}")
  @CsvSource({
      "cols=12;input=s8;accWidth=32;spBanks=2;spRows=64;accBanks=2;accRows=16;dataWidth=64;addressWidth=32",
      "cols=20;input=u4;accWidth=24;saturate=true;postProcess=false;spBanks=1;spRows=32;accBanks=4;accRows=8;dataWidth=32;reset=async_low",
      "cols=8;input=s16;accWidth=48;postProcess=false;spBanks=4;spRows=16;accBanks=1;accRows=32;dataWidth=512;addressWidth=64;maxBurst=16",
      "cols=64;input=s8;accWidth=32;postProcess=false;spBanks=1;spRows=16;accBanks=1;accRows=16;dataWidth=512",
  })
  void memorySystemIsCleanUnderAllThreeTools(String parameterList) throws IOException {
    Map<String, String> parameters = new TreeMap<>();
    for (String pair : parameterList.split(";")) {
      String[] keyValue = pair.split("=");
      parameters.put(keyValue[0], keyValue[1]);
    }
    Path out = dir.resolve("memory_system");
    OutputWriter.write(Catalog.design("memory_system", parameters), out);
    for (RtlLint.Result result : RtlLint.run(out)) {
      assertTrue(result.passed(), parameters + ": " + result.tool() + "\n" + result.output());
    }
  }
}
