package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.Repository;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * rtl-out/ is exactly what the shipped configurations generate today (regenerate with
 * scripts/regen-rtl), and every folder in it passes verilator -Wall, iverilog -g2005 and yosys
 * check -assert. The tools must be installed: a missing tool fails the test.
 */
class RtlOutTest {
  private static final Path RTL_OUT = Repository.root().resolve("rtl-out");

  @Test
  void regeneratingTheShippedConfigurationsChangesNoByte() throws IOException {
    Map<String, EmittedDesign> shipped = ShippedConfigurations.emitAll();
    assertFalse(shipped.isEmpty(), "no configuration under configs/");
    assertEquals(new TreeSet<>(shipped.keySet()), Folders.subfolders(RTL_OUT), "rtl-out/ folders vs configs/*.json");
    for (Map.Entry<String, EmittedDesign> entry : shipped.entrySet()) {
      Path folder = RTL_OUT.resolve(entry.getKey());
      assertEquals(new TreeSet<>(entry.getValue().files().keySet()), Folders.files(folder),
          "files of " + folder + " (run scripts/regen-rtl)");
      for (Map.Entry<String, String> file : entry.getValue().files().entrySet()) {
        assertEquals(file.getValue(), Files.readString(folder.resolve(file.getKey())),
            folder.resolve(file.getKey()) + " differs from what its configuration generates (run scripts/regen-rtl)");
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFolderPassesVerilatorIcarusAndYosys() throws IOException {
    return Folders.subfolders(RTL_OUT).stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      List<RtlLint.Result> results = RtlLint.run(RTL_OUT.resolve(name));
      assertEquals(List.of("verilator", "iverilog", "yosys"), results.stream().map(RtlLint.Result::tool).toList());
      for (RtlLint.Result result : results) {
        assertTrue(result.passed(), result.tool() + " on rtl-out/" + name + ":\n" + result.output());
      }
    }));
  }
}
