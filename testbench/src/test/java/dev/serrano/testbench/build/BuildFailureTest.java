package dev.serrano.testbench.build;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailureTest {

  private final DesignCompiler compiler = new DesignCompiler(SimulationCache.defaultCache());

  @Test
  void aVerilogSyntaxErrorCarriesVerilatorsLog() {
    BuildException e = assertThrows(BuildException.class, () -> compiler.compile(TestDesigns.load("broken"), TraceKind.NONE));
    assertTrue(e.getMessage().startsWith("verilator failed"), e.getMessage());
    assertTrue(e.getMessage().contains("%Error: rtl/broken.v:6"), e.getMessage());
  }

  @Test
  void anInterfaceThatDisagreesWithTheVerilogFailsTheCompileWithThePortName() {
    BuildException e = assertThrows(BuildException.class, () -> compiler.compile(TestDesigns.load("mismatch"), TraceKind.NONE));
    assertTrue(e.getMessage().contains("port in_u8: the interface JSON says 16 bits, the Verilog disagrees"),
        e.getMessage());
  }

  @Test
  void aMissingToolSaysHowToInstallIt() {
    ToolMissingException missing = assertThrows(ToolMissingException.class,
        () -> Toolchain.onPath("verilator-not-installed-here"));
    assertTrue(missing.getMessage().contains("verilator-not-installed-here was not found on PATH"), missing.getMessage());
    assertTrue(missing.getMessage().contains("sudo apt-get install verilator"), missing.getMessage());
    ToolMissingException broken = assertThrows(ToolMissingException.class,
        () -> Toolchain.required(List.of("false"), "verilator"));
    assertTrue(broken.getMessage().contains("verilator was not found or does not run (`false` failed)"),
        broken.getMessage());
  }
}
