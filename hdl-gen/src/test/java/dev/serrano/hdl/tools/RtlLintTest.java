package dev.serrano.hdl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Yosys's part of RtlLint on hand-written Verilog: a latch and a combinational loop fail, a register passes. */
class RtlLintTest {
  @TempDir
  Path folder;

  private RtlLint.Result yosys(String body) throws IOException {
    Files.writeString(folder.resolve("m.v"), "`default_nettype none\nmodule m (\n  input  wire clk,\n"
        + "  input  wire en,\n  input  wire d,\n  output reg  q\n);\n" + body + "endmodule\n`default_nettype wire\n");
    Files.writeString(folder.resolve("m.f"), "m.v\n");
    List<RtlLint.Result> results = RtlLint.run(folder);
    assertEquals("yosys", results.get(2).tool());
    return results.get(2);
  }

  @Test
  void aRegisterPasses() throws IOException {
    RtlLint.Result result = yosys("  always @(posedge clk) q <= en ? d : q;\n");
    assertTrue(result.passed(), result.output());
  }

  @Test
  void aLatchFails() throws IOException {
    RtlLint.Result result = yosys("  always @* if (en) q = d;\n");
    assertFalse(result.passed(), "a latch must fail");
    assertTrue(result.output().contains("dlatch"), result.output());
  }

  @Test
  void aCombinationalLoopFails() throws IOException {
    RtlLint.Result result = yosys("  wire a;\n  wire b;\n  assign a = b ^ d;\n  assign b = a & en;\n"
        + "  always @(posedge clk) q <= a;\n");
    assertFalse(result.passed(), "a loop must fail");
    assertTrue(result.output().contains("loop"), result.output());
  }
}
