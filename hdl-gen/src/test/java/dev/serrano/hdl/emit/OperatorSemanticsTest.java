package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.IrEvaluator;
import dev.serrano.hdl.TestDesigns;
import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Verilog computes what the IR means: every operator of {@link TestDesigns#operators}
 * is simulated under Icarus Verilog on random and extreme inputs and compared with
 * {@link IrEvaluator}. Catches width and signedness slips of the emitter (implicit extension,
 * signed contexts, arithmetic shifts).
 */
class OperatorSemanticsTest {
  private static final int VECTORS = 300;

  @Test
  void emittedOperatorsMatchTheIrSemanticsUnderIcarus(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("OperatorSemanticsTest seed " + seed);
    Random random = new Random(seed);
    Module module = TestDesigns.operators();
    EmittedDesign emitted = EmittedDesign.of(Design.of(module));
    OutputWriter.write(emitted, dir.resolve("rtl"), false);

    List<Port> inputs = module.ports().stream().filter(p -> p.direction() == Direction.INPUT).toList();
    List<Port> outputs = module.ports().stream().filter(p -> p.direction() == Direction.OUTPUT).toList();
    List<Map<String, BigInteger>> vectors = new ArrayList<>();
    for (int i = 0; i < VECTORS; i++) {
      Map<String, BigInteger> vector = new HashMap<>();
      for (Port p : inputs) {
        int w = p.type().width();
        BigInteger v = switch (i % 5) {
          case 0 -> BigInteger.ONE.shiftLeft(w - 1);                         // most negative / msb only
          case 1 -> BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE);     // all ones
          default -> new BigInteger(w, random);
        };
        vector.put(p.name(), v);
      }
      vectors.add(vector);
    }
    Path bench = dir.resolve("bench.v");
    Files.writeString(bench, testBench(module, inputs, outputs, vectors));
    List<String> lines = runIcarus(dir, emitted, bench);
    assertEquals(VECTORS, lines.size(), "one output line per vector: " + lines);

    for (int i = 0; i < VECTORS; i++) {
      Map<String, BigInteger> env = vectors.get(i);
      String[] got = lines.get(i).trim().split(" ");
      for (int k = 0; k < outputs.size(); k++) {
        Port out = outputs.get(k);
        Assign assign = module.assigns().stream().filter(a -> a.target().equals(out.name())).findFirst().orElseThrow();
        BigInteger expected = IrEvaluator.eval(assign.value(), env);
        assertEquals(expected.toString(16), new BigInteger(got[k], 16).toString(16),
            out.name() + " for inputs " + env + " (seed " + seed + ")");
      }
    }
  }

  private static String testBench(Module m, List<Port> inputs, List<Port> outputs, List<Map<String, BigInteger>> vectors) {
    StringBuilder v = new StringBuilder("module bench;\n");
    for (Port p : inputs) {
      v.append("  reg [").append(p.type().width() - 1).append(":0] ").append(p.name()).append(";\n");
    }
    for (Port p : outputs) {
      v.append("  wire [").append(p.type().width() - 1).append(":0] ").append(p.name()).append(";\n");
    }
    v.append("  ").append(m.name()).append(" dut (");
    List<String> pins = new ArrayList<>();
    m.ports().forEach(p -> pins.add("." + p.name() + "(" + p.name() + ")"));
    v.append(String.join(", ", pins)).append(");\n  initial begin\n");
    for (Map<String, BigInteger> vector : vectors) {
      for (Port p : inputs) {
        v.append("    ").append(p.name()).append(" = ").append(p.type().width()).append("'h")
            .append(vector.get(p.name()).toString(16)).append(";\n");
      }
      v.append("    #1 $display(\"");
      v.append(String.join(" ", outputs.stream().map(p -> "%h").toList())).append("\", ");
      v.append(String.join(", ", outputs.stream().map(Port::name).toList())).append(");\n");
    }
    return v.append("  end\nendmodule\n").toString();
  }

  private static List<String> runIcarus(Path dir, EmittedDesign emitted, Path bench) throws IOException, InterruptedException {
    List<String> compile = new ArrayList<>(List.of("iverilog", "-g2005", "-o", dir.resolve("sim.vvp").toString(),
        bench.toString()));
    emitted.verilogFiles().forEach(f -> compile.add(dir.resolve("rtl").resolve(f).toString()));
    run(compile);
    return run(List.of("vvp", "-n", dir.resolve("sim.vvp").toString())).lines()
        .filter(l -> !l.isBlank()).toList();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is not installed: apt-get install iverilog", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(2, TimeUnit.MINUTES);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
    return out;
  }
}
