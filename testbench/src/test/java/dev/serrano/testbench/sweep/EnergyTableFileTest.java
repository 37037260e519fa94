package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped table, the log-log SRAM classes, and a named error for every kind of bad file. */
class EnergyTableFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  @Test
  void shippedTableIsHorowitz45nmWithASourcePerValue() {
    EnergyTable table = EnergyTable.horowitz45nm();
    assertEquals("horowitz-45nm", table.name());
    assertEquals(0.03, table.int8Add().picojoules());
    assertEquals(0.2, table.int8Mult().picojoules());
    assertEquals(0.1, table.int32Add().picojoules());
    assertEquals(1300, table.dram64Bits().picojoules());
    assertEquals(3, table.sramRead64Bits().size());
    for (EnergyTable.Cost cost : new EnergyTable.Cost[] {table.int8Add(), table.int8Mult(), table.int32Add(),
        table.dram64Bits()}) {
      assertTrue(cost.source().contains("Horowitz"), cost.source());
    }
    table.sramRead64Bits().forEach(c -> assertTrue(c.source().contains("Horowitz"), c.source()));
  }

  @Test
  void sramEnergyFollowsLogLogLinesThroughTheClasses() {
    EnergyTable table = EnergyTable.horowitz45nm();
    assertEquals(10, table.sramPer64Bits(8 << 10), 1e-9);
    assertEquals(20, table.sramPer64Bits(32 << 10), 1e-9);
    assertEquals(100, table.sramPer64Bits(1 << 20), 1e-9);
    // 64 KiB is 1/5 of the way (in log2: 1 of 5 doublings) from 32 KB to 1 MB, which multiplies by 5.
    assertEquals(20 * Math.pow(5, 1 / 5.0), table.sramPer64Bits(64 << 10), 1e-9);
    // Past the ends, the end segments extend: 8 KB -> 32 KB doubles energy in two doublings.
    assertEquals(10 / Math.sqrt(2), table.sramPer64Bits(4 << 10), 1e-9);
    assertEquals(100 * Math.pow(5, 1 / 5.0), table.sramPer64Bits(2 << 20), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> table.sramPer64Bits(0));
  }

  @Test
  void anEditedFileIsReadFromDisk() throws IOException {
    Path file = work.resolve("ddr3-high.json");
    Files.writeString(file, edited(root -> ((ObjectNode) root.get("dram_64_bits")).put("pj", 2600)));
    assertEquals(2600, EnergyTableFile.read(file).dram64Bits().picojoules());
  }

  @Test
  void everyBadFileNamesItsField() throws IOException {
    assertNamed("\"int8_mult\"", edited(root -> root.remove("int8_mult")));
    assertNamed("\"int8_mult.pj\"", edited(root -> ((ObjectNode) root.get("int8_mult")).put("pj", "0.2")));
    assertNamed("\"int32_add.pj\"", edited(root -> ((ObjectNode) root.get("int32_add")).put("pj", -0.1)));
    assertNamed("\"dram_64_bits.source\"", edited(root -> ((ObjectNode) root.get("dram_64_bits")).remove("source")));
    assertNamed("\"dram_64_bits.source\"", edited(root -> ((ObjectNode) root.get("dram_64_bits")).put("source", " ")));
    assertNamed("\"int8_mul\"", edited(root -> root.set("int8_mul", root.get("int8_mult"))));
    assertNamed("\"sram_read_64_bits[1].capacity_bytes\"",
        edited(root -> ((ObjectNode) root.get("sram_read_64_bits").get(1)).put("capacity_bytes", 8192)));
    assertNamed("\"sram_read_64_bits[2].capacity_bytes\"",
        edited(root -> ((ObjectNode) root.get("sram_read_64_bits").get(2)).put("capacity_bytes", 1.5e6)));
    assertNamed("\"sram_read_64_bits\"", edited(root -> root.set("sram_read_64_bits",
        JSON.createArrayNode().add(root.get("sram_read_64_bits").get(0)))));
    assertNamed("\"name\"", edited(root -> root.put("name", 7)));
    assertNamed("not valid JSON", "{\"name\": ");
    EnergyTableException missing = assertThrows(EnergyTableException.class,
        () -> EnergyTableFile.read(work.resolve("absent.json")));
    assertTrue(missing.getMessage().contains("absent.json"), missing.getMessage());
  }

  /** The shipped table's text after {@code edit}. */
  private static String edited(Consumer<ObjectNode> edit) throws IOException {
    try (InputStream in = EnergyTableFile.class.getResourceAsStream(EnergyTable.HOROWITZ_45NM)) {
      ObjectNode root = (ObjectNode) JSON.readTree(in);
      edit.accept(root);
      return JSON.writeValueAsString(root);
    }
  }

  private static void assertNamed(String expected, String text) {
    EnergyTableException e = assertThrows(EnergyTableException.class, () -> EnergyTableFile.parse("t.json", text));
    assertTrue(e.getMessage().startsWith("t.json: ") && e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("null"), e.getMessage());
  }
}
