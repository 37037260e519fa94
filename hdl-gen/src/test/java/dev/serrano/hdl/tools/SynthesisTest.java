package dev.serrano.hdl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synthesis in every flow of a registered multiply-accumulate and a 256 x 16 RAM
 * (test resource synthesis/mac_and_ram.v): one DSP block and one block RAM in each vendor flow (the
 * generic flow runs in PeAreaTest); the stat parser and the JSON form.
 */
class SynthesisTest {
  private static final String TOP = "mac_and_ram";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = Flow.class, names = {"ICE40", "XILINX", "ECP5"})
  void theMultiplyIsOneDspAndTheRamOneBlockRam(Flow flow) throws IOException {
    ResourceReport report = synthesize(flow);
    System.out.println(flow + ": " + report.cellTypes());
    assertEquals(1, report.dsp(), "DSP: " + report);
    assertEquals(1, report.bram(), "block RAM: " + report);
    assertTrue(report.bramBits() >= 256 * 16, "block RAM capacity " + report.bramBits());
    // The RAM is in block RAM, so flip-flops are at most the accumulator and the read register.
    assertTrue(report.ff() <= 32 + 16 + 32, "flip-flops: " + report);
    assertEquals(report.cells(), report.cellTypes().values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void parsesTheLastStatisticsBlock() {
    List<String> stat = List.of(
        "=== sub ===",
        "   Number of cells:                  1",
        "     SB_LUT4                         1",
        "",
        "=== top ===",
        "   Number of wires:                 12",
        "   Number of cells:                  6",
        "     SB_CARRY                        2",
        "     SB_DFFSR                        1",
        "     SB_DFF                          1",
        "     SB_MAC16                        1",
        "     $_NOT_                          1");
    Map<String, Integer> cells = Synthesis.parse(stat);
    assertEquals(Map.of("SB_CARRY", 2, "SB_DFFSR", 1, "SB_DFF", 1, "SB_MAC16", 1, "$_NOT_", 1), cells);
    ResourceReport report = new ResourceReport("top", Flow.ICE40, cells);
    assertEquals(2, report.carry());
    assertEquals(2, report.ff());
    assertEquals(1, report.dsp());
    assertEquals(0, report.lut());
    assertEquals(1, report.count(ResourceKind.OTHER));
    assertEquals(6, report.cells());
  }

  @Test
  void jsonHoldsTheTotalsAndTheCellTypes() throws IOException {
    ResourceReport report = new ResourceReport("t", Flow.XILINX,
        Map.of("LUT6", 3, "LUT2", 1, "FDRE", 5, "RAMB36E1", 2, "DSP48E1", 1, "CARRY4", 4, "SRLC32E", 1, "MUXF7", 1));
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertEquals("xilinx", json.get("flow").asText());
    assertEquals("t", json.get("top").asText());
    JsonNode totals = json.get("resources");
    assertEquals(4, totals.get("lut").asInt());
    assertEquals(5, totals.get("ff").asInt());
    assertEquals(4, totals.get("carry").asInt());
    assertEquals(1, totals.get("dsp").asInt());
    assertEquals(2, totals.get("bram").asInt());
    assertEquals(1, totals.get("lutram").asInt());
    assertEquals(1, totals.get("other").asInt());
    assertEquals(18, totals.get("cells").asInt());
    assertEquals(2 * 36 * 1024, totals.get("bramBits").asLong());
    assertEquals(List.of("CARRY4", "DSP48E1", "FDRE", "LUT2", "LUT6", "MUXF7", "RAMB36E1", "SRLC32E"),
        iterate(json.get("cellTypes").fieldNames()));
  }

  @Test
  void anUnknownFlowIsNamedWithTheFlows() {
    assertEquals("flow must be one of generic, ice40, xilinx, ecp5, got \"gowin\"",
        assertThrows(IllegalArgumentException.class, () -> Flow.byId("gowin")).getMessage());
    assertEquals(Flow.ECP5, Flow.byId("ECP5"));
  }

  private ResourceReport synthesize(Flow flow) throws IOException {
    try (InputStream in = SynthesisTest.class.getResourceAsStream("/synthesis/" + TOP + ".v")) {
      Files.copy(in, dir.resolve(TOP + ".v"));
    }
    return Synthesis.run(dir, List.of(TOP + ".v"), TOP, flow);
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
