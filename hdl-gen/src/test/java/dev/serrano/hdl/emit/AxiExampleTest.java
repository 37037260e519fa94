package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written AXI integration example (examples/axi/accel_subsystem.v) compiles against the
 * shipped default accelerator: clean under verilator --lint-only -Wall and iverilog -g2005, so a
 * change of the accelerator's ports breaks this test rather than users' projects.
 */
class AxiExampleTest {
  private static final Path ROOT = Repository.root();

  @Test
  void theSubsystemWrapperIsLintCleanWithTheDefaultAccelerator() throws Exception {
    Path rtl = ROOT.resolve("rtl-out/accelerator_default");
    List<String> files = new ArrayList<>(List.of(ROOT.resolve("examples/axi/accel_subsystem.v").toString()));
    try (var lists = Files.list(rtl)) {
      Path fileList = lists.filter(p -> p.toString().endsWith(".f")).findFirst().orElseThrow();
      Files.readAllLines(fileList).forEach(f -> files.add(rtl.resolve(f).toString()));
    }
    List<String> verilator = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module",
        "accel_subsystem"));
    verilator.addAll(files);
    assertClean(verilator);
    List<String> icarus = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "/dev/null", "-s",
        "accel_subsystem"));
    icarus.addAll(files);
    assertClean(icarus);
  }

  private static void assertClean(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), command.get(0) + ":\n" + output);
    assertEquals("", output.strip(), command.get(0) + " printed warnings");
  }
}
