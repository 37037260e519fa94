package dev.serrano.testbench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignInterfaceTest {

  @Test
  void readsClockResetAndPortsInDeclarationOrder() {
    DesignInterface counter = TestDesigns.load("counter");
    assertEquals("counter", counter.top());
    assertEquals("clk", counter.clock());
    assertEquals(new ResetSpec("rst", false, true), counter.reset());
    assertEquals(List.of("clk", "rst", "enable", "limit", "count", "at_limit"),
        counter.ports().stream().map(PortSpec::name).toList());
    assertEquals(new PortSpec("limit", Direction.INPUT, 32, false), counter.port("limit").orElseThrow());
    assertEquals(List.of("counter.v"), counter.files());
  }

  @Test
  void acceptsANullClockAndResetAndIgnoresUnknownKeys() {
    DesignInterface widths = TestDesigns.load("port_widths");  // its JSON also has "registerMap"
    assertNull(widths.clock());
    assertNull(widths.reset());
    assertEquals(32, widths.ports().size());
  }

  @Test
  void readsMemoriesWithTheirInstancePathsAndDefaultsToNone() {
    assertEquals(List.of(), TestDesigns.load("counter").memories());
    MemorySpec bank = new MemorySpec("u_bank0.storage", "fifo_w32_d16", "storage", 70, 16);
    assertEquals(List.of("u_bank0"), bank.instances());
    assertEquals(3, bank.chunksPerWord());
    assertEquals(List.of(), new MemorySpec("storage", "fifo_w32_d16", "storage", 32, 16).instances());
    InterfaceFormatException wrongName = assertThrows(InterfaceFormatException.class,
        () -> new MemorySpec("u_bank0.data", "fifo_w32_d16", "storage", 32, 16));
    assertTrue(wrongName.getMessage().contains("must end with its name storage"), wrongName.getMessage());
  }

  @Test
  void readsBusesAndChecksEveryAxiPortOfThem(@TempDir Path dir) throws IOException {
    DesignInterface manual = TestDesigns.load("axi_manual");
    assertEquals(List.of(new BusSpec("m_axi", "axi4", "master", 64, 32, 4)), manual.buses());
    assertEquals(37, manual.buses().get(0).signals().size());
    assertEquals(List.of(), TestDesigns.load("counter").buses());

    Path source = manual.directory().resolve("axi_manual.json");
    String json = Files.readString(source);
    Path wrongWidth = dir.resolve("w.json");
    Files.writeString(wrongWidth, json.replace("\"dataWidth\": 64", "\"dataWidth\": 128"));
    InterfaceFormatException width = assertThrows(InterfaceFormatException.class, () -> DesignInterface.read(wrongWidth));
    assertEquals("bus m_axi of axi_manual: port m_axi_wdata must be an output of 128 bits, the interface JSON has an"
        + " output of 64 bits", width.getMessage());

    Path missing = dir.resolve("m.json");
    Files.writeString(missing, json.replace("\"m_axi_rlast\"", "\"m_axi_rlast_x\""));
    InterfaceFormatException absent = assertThrows(InterfaceFormatException.class, () -> DesignInterface.read(missing));
    assertEquals("bus m_axi of axi_manual: missing port m_axi_rlast (input, 1 bits)", absent.getMessage());

    InterfaceFormatException odd = assertThrows(InterfaceFormatException.class,
        () -> new BusSpec("m_axi", "axi4", "master", 96, 32, 4));
    assertTrue(odd.getMessage().contains("dataWidth must be a power of two from 32 to 1024, got 96"), odd.getMessage());
    assertThrows(InterfaceFormatException.class, () -> new BusSpec("m_axi", "axi4", "master", 64, 11, 4));
    assertThrows(InterfaceFormatException.class, () -> new BusSpec("m_axi", "axi4", "master", 64, 32, 17));
    assertThrows(InterfaceFormatException.class, () -> new BusSpec("m_axi", "axi4", "slave", 64, 32, 4));
  }

  @Test
  void storageFollowsVerilatorTypes() {
    int[][] widthAndBytes = {{1, 1}, {8, 1}, {9, 2}, {16, 2}, {17, 4}, {32, 4}, {33, 8}, {64, 8}, {65, 12}, {300, 40}};
    for (int[] pair : widthAndBytes) {
      assertEquals(pair[1], new PortSpec("p", Direction.INPUT, pair[0], false).storageBytes(), "width " + pair[0]);
    }
  }

  @Test
  void rejectsAnotherFormat(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("x.json");
    Files.writeString(json, "{\"format\": \"other/2\", \"top\": \"x\", \"ports\": [], \"files\": [\"x.v\"]}");
    InterfaceFormatException e = assertThrows(InterfaceFormatException.class, () -> DesignInterface.read(json));
    assertTrue(e.getMessage().contains("format must be serrano-interface/1"), e.getMessage());
  }

  @Test
  void rejectsAnInoutPortByName(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("x.json");
    Files.writeString(json, "{\"format\": \"serrano-interface/1\", \"top\": \"x\", \"files\": [\"x.v\"],"
        + " \"ports\": [{\"name\": \"pad\", \"direction\": \"inout\", \"width\": 1}]}");
    InterfaceFormatException e = assertThrows(InterfaceFormatException.class, () -> DesignInterface.read(json));
    assertTrue(e.getMessage().contains("port pad"), e.getMessage());
  }
}
