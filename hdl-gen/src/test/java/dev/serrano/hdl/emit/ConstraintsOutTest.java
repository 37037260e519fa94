package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.Repository;
import dev.serrano.hdl.ir.Design;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * constraints/ is exactly what the shipped configurations generate (regenerate with
 * scripts/regen-rtl); every port and clock the SDC, XDC and PCF name is a port of the Verilog in
 * rtl-out/ (read from the Verilog text, not from the generator), vectors as {@code name[*]}; the
 * iCE40 board build of the iCE40-sized configurations passes verilator -Wall with the RTL; each rtl-out folder's FuseSoC core lists
 * exactly the folder's other files, the Verilog in the order of the .f file.
 */
class ConstraintsOutTest {
  private static final Path ROOT = Repository.root();
  private static final Pattern PORT = Pattern.compile("^\\s*(input|output)\\s+wire\\s+(signed\\s+)?(\\[[^]]+]\\s+)?(\\w+)",
      Pattern.MULTILINE);
  private static final Pattern GET_PORTS = Pattern.compile("\\[get_ports \\{?([\\w\\[\\]*]+)}?]");
  private static final Pattern PCF_NAME = Pattern.compile("^set_(?:io(?: -pullup yes)?|frequency) (\\w+) ",
      Pattern.MULTILINE);

  @Test
  void regeneratingTheConstraintsChangesNoByte() throws IOException {
    Map<String, Design> shipped = ShippedConfigurations.designs();
    assertEquals(new TreeSet<>(shipped.keySet()), Folders.subfolders(ROOT.resolve("constraints")),
        "constraints/ vs configs/");
    for (Map.Entry<String, Design> entry : shipped.entrySet()) {
      Path folder = ROOT.resolve("constraints").resolve(entry.getKey());
      Map<String, String> expected = Constraints.emit(entry.getValue(), ClockTargets.DEFAULTS);
      assertEquals(new TreeSet<>(expected.keySet()), Folders.files(folder), folder + " (run scripts/regen-rtl)");
      for (Map.Entry<String, String> file : expected.entrySet()) {
        assertEquals(file.getValue(), Files.readString(folder.resolve(file.getKey())),
            folder.resolve(file.getKey()) + " differs from what its configuration generates (run scripts/regen-rtl)");
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> constraintsNameOnlyPortsOfTheRtl() throws IOException {
    return Folders.subfolders(ROOT.resolve("constraints")).stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Path rtl = ROOT.resolve("rtl-out").resolve(name);
      Path constraints = ROOT.resolve("constraints").resolve(name);
      String top = topOf(rtl);
      Map<String, Boolean> ports = ports(Files.readString(rtl.resolve(top + ".v")));
      for (String suffix : List.of(".sdc", ".xdc")) {
        String text = Files.readString(constraints.resolve(top + suffix));
        List<String> named = all(GET_PORTS, text);
        assertFalse(named.isEmpty(), suffix);
        assertTrue(text.contains("create_clock -name clk "), suffix + " has no clock");
        for (String pattern : named) {
          String port = pattern.replace("[*]", "");
          assertTrue(ports.containsKey(port), top + suffix + " names " + port + ", not a port of " + top);
          assertEquals(ports.get(port), pattern.endsWith("[*]"), top + suffix + ": " + pattern + " vector or bit");
        }
        assertEquals(ports.size(), named.size(), top + suffix + ": every port once (the clock in create_clock)");
      }
      String board = top + "_ice40";
      Map<String, Boolean> boardPorts = ports(Files.readString(constraints.resolve(board + ".v")));
      List<String> pins = all(PCF_NAME, Files.readString(constraints.resolve(board + ".pcf")));
      assertEquals(new TreeSet<>(boardPorts.keySet()), new TreeSet<>(pins), "PCF names vs " + board + " ports");
      assertTrue(pins.contains("clk"));
    }));
  }

  /** The configurations small enough for an iCE40 (docs/flows.md); every board build comes from one generator. */
  private static final List<String> ICE40_SIZED = List.of("fifo_w32_d16", "pe_mac_s8_a32", "pe_array_2x2_ws_s8");

  @TestFactory
  Stream<DynamicTest> theIce40BoardBuildPassesVerilatorWithTheRtl() {
    return ICE40_SIZED.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Path rtl = ROOT.resolve("rtl-out").resolve(name);
      String top = topOf(rtl);
      List<String> command = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module",
          top + "_ice40", ROOT.resolve("constraints").resolve(name).resolve(top + "_ice40.v").toString()));
      Files.readAllLines(rtl.resolve(top + ".f")).forEach(f -> command.add(rtl.resolve(f).toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertEquals(0, process.waitFor(), "verilator on " + top + "_ice40:\n" + output);
    }));
  }

  @TestFactory
  Stream<DynamicTest> theFuseSocCoreListsExactlyTheEmittedFiles() throws IOException {
    return Folders.subfolders(ROOT.resolve("rtl-out")).stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Path rtl = ROOT.resolve("rtl-out").resolve(name);
      String top = topOf(rtl);
      List<String> lines = Files.readAllLines(rtl.resolve(top + ".core"));
      assertEquals("CAPI=2:", lines.get(0));
      List<String> listed = lines.stream().filter(l -> l.startsWith("      - ")).map(l -> l.substring(8)).toList();
      TreeSet<String> others = Folders.files(rtl);
      others.remove(top + ".core");
      assertEquals(others, new TreeSet<>(listed), top + ".core vs the folder");
      assertEquals(listed.size(), new TreeSet<>(listed).size(), "listed once");
      assertEquals(Files.readAllLines(rtl.resolve(top + ".f")),
          listed.stream().filter(f -> f.endsWith(".v")).toList(), "Verilog in .f order");
      assertTrue(lines.contains("    toplevel: " + top));
    }));
  }

  /** Port name to whether it is a vector, from the module header of Verilog text. */
  static Map<String, Boolean> ports(String verilog) {
    Map<String, Boolean> ports = new TreeMap<>();
    Matcher m = PORT.matcher(verilog.substring(0, verilog.indexOf(");")));
    while (m.find()) {
      ports.put(m.group(4), m.group(3) != null);
    }
    return ports;
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String topOf(Path rtl) throws IOException {
    try (Stream<Path> entries = Files.list(rtl)) {
      return entries.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".f")).findFirst().orElseThrow()
          .replaceFirst("\\.f$", "");
    }
  }
}
