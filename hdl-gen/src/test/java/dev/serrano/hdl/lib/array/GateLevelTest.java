package dev.serrano.hdl.lib.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.tools.Flow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What synthesis makes of the array is what the RTL says: a 2 x 2 WS array synthesized for Xilinx
 * 7-series (multiplies and accumulators packed into DSP48E1) and for iCE40 (SB_MAC16 multipliers:
 * the flow that avoids Yosys 0.23's faulty ice40_dsp packing, see {@link Flow#ICE40}) and simulated
 * at gate level under Icarus with Yosys's cell models, against the RTL, on random inputs and stalls,
 * every cycle.
 */
class GateLevelTest {
  @TempDir
  Path dir;

  // The iCE40 cell models simulate slowly under Icarus: fewer cycles (Yosys 0.23's faulty packing
  // failed one cycle in two).
  @ParameterizedTest(name = "{0}, {1} cycles")
  @CsvSource({"XILINX, 3000", "ICE40, 1000"})
  void netlistMatchesTheRtlCycleForCycle(Flow flow, int cycles) throws IOException, InterruptedException {
    EmittedDesign emitted = OutputWriter.write(Catalog.design("pe_array", Map.of("rows", "2", "cols", "2")), dir);
    String top = emitted.top();
    String files = String.join(" ", emitted.verilogFiles());
    run("yosys", "-q", "-p", "read_verilog " + files + "; " + flow.script(top)
        + "; rename " + top + " gate_" + top + "; write_verilog -noattr gate.v");
    Files.writeString(dir.resolve("bench.v"), bench(top, Catalog.design("pe_array",
        Map.of("rows", "2", "cols", "2")).top().ports(), cycles));
    String cells = yosysDataDir().resolve(flow.id() + "/cells_sim.v").toString();
    // Icarus takes no default values on ports, which the iCE40 models use unless told not to.
    List<String> compile = new ArrayList<>(List.of("iverilog", "-g2012", "-DNO_ICE40_DEFAULT_ASSIGNMENTS", "-o",
        "sim.vvp", "bench.v", "gate.v", cells));
    compile.addAll(emitted.verilogFiles());
    run(compile.toArray(String[]::new));
    String output = run("vvp", "-n", "sim.vvp");
    assertTrue(output.contains("compared " + cycles + " cycles"), output);
    assertEquals("mismatches: 0", output.lines().filter(l -> l.startsWith("mismatches")).findFirst().orElse(output));
  }

  /** Random inputs (en low one cycle in eight) into both; outputs compared, results only when valid. */
  private static String bench(String top, List<Port> ports, int cycles) {
    StringBuilder v = new StringBuilder("`timescale 1ns/1ps\nmodule bench;\n  reg clk = 0;\n  reg rst = 1;\n");
    List<String> rtlPins = new ArrayList<>();
    List<String> gatePins = new ArrayList<>();
    for (Port p : ports) {
      String range = p.type().width() == 1 ? "" : "[" + (p.type().width() - 1) + ":0] ";
      if (p.direction() == Direction.INPUT && !p.name().equals("clk") && !p.name().equals("rst")) {
        v.append("  reg ").append(range).append(p.name()).append(" = 0;\n");
      } else if (p.direction() == Direction.OUTPUT) {
        v.append("  wire ").append(range).append("r_").append(p.name()).append(", g_").append(p.name()).append(";\n");
      }
      boolean output = p.direction() == Direction.OUTPUT;
      rtlPins.add("." + p.name() + "(" + (output ? "r_" : "") + p.name() + ")");
      gatePins.add("." + p.name() + "(" + (output ? "g_" : "") + p.name() + ")");
    }
    v.append("  ").append(top).append(" rtl (").append(String.join(", ", rtlPins)).append(");\n");
    v.append("  gate_").append(top).append(" gate (").append(String.join(", ", gatePins)).append(");\n");
    v.append("""
          integer i;
          integer errors = 0;
          always #5 clk = ~clk;
          initial begin
            repeat (3) @(posedge clk);
            #1 rst = 0;
            for (i = 0; i < %d; i = i + 1) begin
              @(negedge clk);
              en = ($random %% 8) != 0;
              in_valid = $random; in_first = ($random %% 4) == 0; w_valid = $random;
              in_a = $random; in_d = {$random, $random}; w_row = $random;
              @(posedge clk); #1;
              if (r_out_valid !== g_out_valid || (r_out_valid && r_out_c !== g_out_c)
                  || r_in_ready !== g_in_ready || r_w_ready !== g_w_ready) begin
                errors = errors + 1;
                $display("cycle %%0d: rtl %%b %%h, gate %%b %%h", i, r_out_valid, r_out_c, g_out_valid, g_out_c);
              end
            end
            $display("compared %%0d cycles", i);
            $display("mismatches: %%0d", errors);
            $finish;
          end
        endmodule
        """.formatted(cycles));
    return v.toString();
  }

  /** Yosys keeps its cell models in share/yosys beside its bin folder (yosys-config is not always installed). */
  private static Path yosysDataDir() {
    for (String folder : System.getenv("PATH").split(java.io.File.pathSeparator)) {
      Path binary = Path.of(folder, "yosys");
      if (Files.isExecutable(binary)) {
        return binary.toAbsolutePath().getParent().resolveSibling("share").resolve("yosys");
      }
    }
    throw new AssertionError("yosys is not installed (apt-get install yosys)");
  }

  private String run(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command[0] + " is not installed (apt-get install yosys iverilog)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " timed out");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}
