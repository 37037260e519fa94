package dev.serrano.testbench.trace;

import dev.serrano.testbench.design.BusSpec;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.design.Direction;
import dev.serrano.testbench.design.MemorySpec;
import dev.serrano.testbench.design.PortSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trace into a plain Verilog-2005 test bench for Icarus: {@code tb_<top>.v} (clock, the
 * design, the behavioural AXI4-Lite master and AXI4 memories, a sequencer), the two bus models,
 * and the trace as {@code $readmemh} files: {@code commands.hex} (the sequencer's steps, four
 * 64-bit words each), {@code lite_ops.hex} (the AXI4-Lite operations, four words each) and
 * {@code image.hex} (every loaded memory byte). The bench writes {@code results.txt}: each
 * completed operation, each checked region's bytes, output ports not known after reset, the end
 * cycle; {@link IcarusReplay} runs it and reads that.
 *
 * <p>Timing is the native models' without stalls or delays: a trace that sets stalls, AXI4-Lite
 * delays or error ranges is refused here (it still replays on Verilator). The design may have one
 * AXI4-Lite bus and any number of AXI4 buses; other inputs are held at 0 and the design's memories
 * (the interface JSON's "memories") start at 0, as in the Java bench on Verilator.
 */
public final class IcarusBench {

  static final String MASTER_FILE = "serrano_tb_axil_master.v";
  static final String MEMORY_FILE = "serrano_tb_axi_memory.v";
  static final String RESULTS_FILE = "results.txt";
  private static final long DEFAULT_MEMORY = 16L << 20;

  private static final int RESET = 1;
  private static final int CYCLES = 2;
  private static final int SUBMIT = 3;
  private static final int RUN = 4;
  private static final int LOAD = 5;
  private static final int CHECK = 6;
  private static final int CONFIGURE = 7;

  private final Trace trace;
  private final DesignInterface design;
  private final BusSpec lite;
  private final List<BusSpec> memories = new ArrayList<>();
  private final List<long[]> commands = new ArrayList<>();
  private final List<long[]> operations = new ArrayList<>();
  private final ByteArrayOutputStream image = new ByteArrayOutputStream();
  private final Map<String, Long> memoryBytes = new LinkedHashMap<>();

  private IcarusBench(Trace trace, DesignInterface design) {
    this.trace = trace;
    this.design = design;
    List<BusSpec> lites = design.buses().stream().filter(BusSpec::lite).toList();
    if (lites.size() > 1) {
      throw new IllegalArgumentException("the Icarus bench drives one AXI4-Lite bus; " + design.top() + " has "
          + lites.stream().map(BusSpec::name).toList());
    }
    this.lite = lites.isEmpty() ? null : lites.get(0);
    design.buses().stream().filter(bus -> !bus.lite()).forEach(memories::add);
    if (design.clock() == null) {
      throw new IllegalArgumentException("design " + design.top() + " has no clock; a trace needs one");
    }
  }

  /** Writes the bench for {@code trace} of {@code design} into {@code folder}; returns the bench's top module name. */
  public static String write(Trace trace, DesignInterface design, Path folder) {
    IcarusBench bench = new IcarusBench(trace, design);
    bench.translate();
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(MASTER_FILE), TraceResources.text(MASTER_FILE));
      Files.writeString(folder.resolve(MEMORY_FILE), TraceResources.text(MEMORY_FILE));
      Files.writeString(folder.resolve("commands.hex"), words(bench.commands));
      Files.writeString(folder.resolve("lite_ops.hex"), words(bench.operations));
      Files.writeString(folder.resolve("image.hex"), TraceFolder.hex(bench.image.toByteArray()));
      Files.writeString(folder.resolve(benchName(design) + ".v"), bench.verilog());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Icarus bench into " + folder, e);
    }
    return benchName(design);
  }

  static String benchName(DesignInterface design) {
    return "tb_" + design.top();
  }

  private void translate() {
    Map<String, Boolean> configured = new HashMap<>();
    int index = 0;
    for (Trace.Step step : trace.steps()) {
      String where = "step " + index++;
      if (step instanceof Trace.Reset reset) {
        command(RESET, reset.value(), 0, 0);
      } else if (step instanceof Trace.Cycles cycles) {
        command(CYCLES, cycles.count(), 0, 0);
      } else if (step instanceof Trace.Submit submit) {
        requireLite(submit.bus(), where);
        for (Trace.LiteOperation operation : submit.operations()) {
          long data = operation.kind() == Trace.LiteOperation.Kind.READ ? 0
              : operation.data() | operation.strobesOrMask() << 32;
          operations.add(new long[] {operation.kind().ordinal() + 1, operation.address(), data, operation.maxCycles()});
        }
        command(SUBMIT, submit.operations().size(), 0, 0);
      } else if (step instanceof Trace.Run run) {
        requireLite(run.bus(), where);
        command(RUN, run.maxCycles(), 0, 0);
      } else if (step instanceof Trace.Load load) {
        touch(load.bus(), configured);
        command(LOAD | memoryIndex(load.bus(), where) << 8, load.address(), image.size(), load.data().length);
        image.writeBytes(load.data());
      } else if (step instanceof Trace.Check check) {
        touch(check.bus(), configured);
        command(CHECK | memoryIndex(check.bus(), where) << 8, check.address(), check.length(), 0);
      } else if (step instanceof Trace.Configure configure) {
        configure(configure, configured, where);
      }
      if (step instanceof Trace.Cycles || step instanceof Trace.Run) {
        memories.forEach(bus -> touch(bus.name(), configured));
      }
    }
  }

  private void configure(Trace.Configure step, Map<String, Boolean> configured, String where) {
    boolean refused = switch (step.setting()) {
      case STALL -> step.b() != 0;
      case DELAY -> step.a() != 0 || step.b() != 0;
      case ERROR_ADD -> true;
      default -> false;
    };
    if (refused) {
      throw new IllegalArgumentException(where + " sets " + step.setting().jsonName() + " on bus " + step.bus()
          + "; the Icarus bench replays the native models without stalls, delays or error ranges (the trace"
          + " still replays on Verilator)");
    }
    switch (step.setting()) {
      case MEMORY -> {
        memoryBytes.merge(step.bus(), step.b(), Math::max);
        configured.put(step.bus(), true);
        command(CONFIGURE | memoryIndex(step.bus(), where) << 8 | (long) step.setting().key << 16, step.a(),
            step.b(), step.c());
      }
      case READ_LATENCY, WRITE_LATENCY, OUTSTANDING ->
          command(CONFIGURE | memoryIndex(step.bus(), where) << 8 | (long) step.setting().key << 16, step.a(),
              step.b(), step.c());
      default -> {
        // seeds, counters, zero stalls and delays, clearing no error range: no effect on the replay
      }
    }
  }

  /** A bus used before its memory was configured needs the native model's default 16 MiB. */
  private void touch(String bus, Map<String, Boolean> configured) {
    if (!configured.getOrDefault(bus, false)) {
      memoryBytes.merge(bus, DEFAULT_MEMORY, Math::max);
      configured.put(bus, true);
    }
  }

  private void requireLite(String bus, String where) {
    if (lite == null || !lite.name().equals(bus)) {
      throw new IllegalArgumentException(where + ": bus " + bus + " is not the AXI4-Lite bus of " + design.top());
    }
  }

  private long memoryIndex(String bus, String where) {
    for (int i = 0; i < memories.size(); i++) {
      if (memories.get(i).name().equals(bus)) {
        return i;
      }
    }
    throw new IllegalArgumentException(where + ": bus " + bus + " is not an AXI4 bus of " + design.top());
  }

  private void command(long code, long a, long b, long c) {
    commands.add(new long[] {code, a, b, c});
  }

  private String verilog() {
    StringBuilder v = new StringBuilder();
    String name = benchName(design);
    v.append("// ").append(name).append(": replays a Serrano trace of ").append(design.top())
        .append(" under Icarus Verilog. Generated by serrano-testbench; do not edit.\n")
        .append("// Files: commands.hex, lite_ops.hex, image.hex (from the trace); writes ").append(RESULTS_FILE)
        .append(".\n`default_nettype none\nmodule ").append(name).append(";\n")
        .append("  localparam integer COMMANDS = ").append(commands.size()).append(";\n")
        .append("  localparam integer OPS = ").append(Math.max(1, operations.size())).append(";\n")
        .append("  localparam integer IMAGE_BYTES = ").append(Math.max(1, image.size())).append(";\n\n")
        .append("  reg         ").append(design.clock()).append(" = 1'b0;\n")
        .append("  reg  [63:0] cycles = 64'd0;  // cycles completed, counted at each falling edge\n")
        .append("  reg  [31:0] released = 32'd0;  // AXI4-Lite operations submitted so far\n");
    Map<String, String> driven = busDrivenInputs();
    for (PortSpec port : design.ports()) {
      if (port.name().equals(design.clock())) {
        continue;
      }
      String range = port.width() == 1 ? "       " : String.format("%-7s", "[" + (port.width() - 1) + ":0]");
      boolean held = port.direction() == Direction.INPUT && !driven.containsKey(port.name());
      v.append("  ").append(held ? "reg  " : "wire ").append(range).append(' ').append(port.name())
          .append(held ? " = " + port.width() + "'d0" : "").append(";\n");
    }
    v.append("\n  ").append(design.top()).append(" u_dut (\n");
    List<PortSpec> ports = design.ports();
    for (int i = 0; i < ports.size(); i++) {
      v.append("    .").append(ports.get(i).name()).append('(').append(ports.get(i).name()).append(')')
          .append(i + 1 < ports.size() ? ",\n" : "\n");
    }
    v.append("  );\n\n");
    if (lite != null) {
      v.append("  serrano_tb_axil_master #(.ADDR_WIDTH(").append(lite.addressWidth()).append("), .OPS(OPS)) u_")
          .append(lite.name()).append(" (\n    .clk(").append(design.clock())
          .append("), .cycles(cycles), .released(released)");
      for (BusSpec.Signal signal : lite.signals()) {
        v.append(",\n    .").append(signal.signal()).append('(').append(lite.port(signal.signal())).append(')');
      }
      v.append("\n  );\n");
    }
    for (BusSpec bus : memories) {
      v.append("  serrano_tb_axi_memory #(.DATA_BYTES(").append(bus.dataBytes()).append("), .ADDR_WIDTH(")
          .append(bus.addressWidth()).append("), .ID_WIDTH(").append(bus.idWidth()).append("), .MEM_BYTES(")
          .append(memoryBytes.getOrDefault(bus.name(), 4096L)).append(")) u_").append(bus.name())
          .append(" (\n    .clk(").append(design.clock()).append("), .cycles(cycles)");
      for (BusSpec.Signal signal : bus.signals()) {
        if (!List.of("awlock", "awcache", "awprot", "awqos", "arlock", "arcache", "arprot", "arqos")
            .contains(signal.signal())) {
          v.append(",\n    .").append(signal.signal()).append('(').append(bus.port(signal.signal())).append(')');
        }
      }
      v.append("\n  );\n");
    }
    v.append(sequencer());
    v.append("endmodule\n`default_nettype wire\n");
    return v.toString();
  }

  private String sequencer() {
    StringBuilder v = new StringBuilder();
    String clock = design.clock();
    v.append("\n  reg  [63:0] commands [0:4*COMMANDS-1];\n  reg  [7:0]  image [0:IMAGE_BYTES-1];\n")
        .append("  reg  [63:0] code, a, b, c, i, waited;\n  integer     pc, results;\n\n")
        .append("  always #5 ").append(clock).append(" = ~").append(clock).append(";\n")
        .append("  always @(negedge ").append(clock).append(") cycles <= cycles + 64'd1;\n\n")
        .append("  // Waits one cycle: the sequencer acts 2 time units after each falling edge, when all is settled.\n")
        .append("  task next_cycle;\n    begin\n      @(negedge ").append(clock).append(");\n      #2;\n    end\n")
        .append("  endtask\n\n");
    v.append("  task check_outputs;\n    begin\n");
    for (PortSpec port : design.ports()) {
      if (port.direction() == Direction.OUTPUT) {
        v.append("      if (^").append(port.name()).append(" === 1'bx) $fdisplay(results, \"unknown ")
            .append(port.name()).append(" %b\", ").append(port.name()).append(");\n");
      }
    }
    v.append("    end\n  endtask\n\n");
    v.append("  task finish;\n    begin\n");
    if (lite != null) {
      String m = "u_" + lite.name();
      v.append("      for (i = 0; i < ").append(m).append(".completed; i = i + 1)\n")
          .append("        $fdisplay(results, \"op %h %0d %0d %0d\", ").append(m).append(".result_value[i], ")
          .append(m).append(".result_response[i], ").append(m).append(".result_matched[i], ").append(m)
          .append(".result_cycle[i]);\n");
    }
    v.append("      $fdisplay(results, \"end %0d\", cycles);\n      $fclose(results);\n      $finish;\n")
        .append("    end\n  endtask\n\n");
    v.append("  initial begin\n    $readmemh(\"commands.hex\", commands);\n");
    if (image.size() > 0) {
      v.append("    $readmemh(\"image.hex\", image);\n");
    }
    if (lite != null && !operations.isEmpty()) {
      v.append("    $readmemh(\"lite_ops.hex\", u_").append(lite.name()).append(".ops);\n");
    }
    // Design memories start at zero, as in the Verilator build (registers stay X until reset): a
    // partial weight tile reads rows never written, and X x 0 would otherwise poison the sums.
    for (MemorySpec memory : design.memories()) {
      v.append("    for (i = 0; i < ").append(memory.depth()).append("; i = i + 1) u_dut.").append(memory.path())
          .append("[i] = ").append(memory.width()).append("'d0;\n");
    }
    v.append("    results = $fopen(\"").append(RESULTS_FILE).append("\", \"w\");\n    #2;\n")
        .append("    for (pc = 0; pc < COMMANDS; pc = pc + 1) begin\n")
        .append("      code = commands[4 * pc];\n      a = commands[4 * pc + 1];\n")
        .append("      b = commands[4 * pc + 2];\n      c = commands[4 * pc + 3];\n")
        .append("      case (code[7:0])\n");
    if (design.reset() != null) {
      String reset = design.reset().port();
      v.append("        ").append(RESET).append(": begin\n          ").append(reset).append(" = a[0];\n")
          .append("          if (a[0] == 1'b").append(design.reset().activeLow() ? 1 : 0)
          .append(") begin  // released: every output must be known\n")
          .append("            #1;\n            check_outputs;\n          end\n        end\n");
    }
    v.append("        ").append(CYCLES).append(": for (i = 0; i < a; i = i + 1) next_cycle;\n")
        .append("        ").append(SUBMIT).append(": released = released + a[31:0];\n")
        .append("        ").append(RUN).append(": begin\n          waited = 0;\n")
        .append("          while (!").append(liteIdle()).append(" && waited < a) begin\n            next_cycle;\n")
        .append("            waited = waited + 1;\n          end\n")
        .append("          if (!").append(liteIdle()).append(") begin\n")
        .append("            $fdisplay(results, \"timeout %0d\", cycles);\n            finish;\n          end\n")
        .append("        end\n");
    v.append("        ").append(LOAD).append(": case (code[15:8])\n");
    for (int i = 0; i < memories.size(); i++) {
      String m = "u_" + memories.get(i).name();
      v.append("          ").append(i).append(": for (i = 0; i < c; i = i + 1) ").append(m)
          .append(".memory[a - ").append(m).append(".base + i] = image[b + i];\n");
    }
    v.append("          default: ;\n        endcase\n        ").append(CHECK).append(": begin\n")
        .append("          $fwrite(results, \"check \");\n          case (code[15:8])\n");
    for (int i = 0; i < memories.size(); i++) {
      String m = "u_" + memories.get(i).name();
      v.append("            ").append(i).append(": for (i = 0; i < b; i = i + 1) $fwrite(results, \"%h\", ")
          .append(m).append(".memory[a - ").append(m).append(".base + i]);\n");
    }
    v.append("            default: ;\n          endcase\n          $fwrite(results, \"\\n\");\n        end\n")
        .append("        ").append(CONFIGURE).append(": case (code[15:8])\n");
    for (int i = 0; i < memories.size(); i++) {
      String m = "u_" + memories.get(i).name();
      v.append("          ").append(i).append(": case (code[23:16])\n")
          .append("            ").append(BusSetting.MEMORY.key).append(": begin\n")
          .append("              ").append(m).append(".base = a;\n")
          .append("              ").append(m).append(".size = b;\n")
          .append("              ").append(m).append(".clear(0, b);\n            end\n")
          .append("            ").append(BusSetting.READ_LATENCY.key).append(": ").append(m)
          .append(".read_latency = a;\n")
          .append("            ").append(BusSetting.WRITE_LATENCY.key).append(": ").append(m)
          .append(".write_latency = a;\n")
          .append("            ").append(BusSetting.OUTSTANDING.key).append(": begin\n")
          .append("              ").append(m).append(".read_limit = a[31:0];\n")
          .append("              ").append(m).append(".write_limit = b[31:0];\n            end\n")
          .append("            default: ;\n          endcase\n");
    }
    v.append("          default: ;\n        endcase\n        default: ;\n      endcase\n    end\n    finish;\n  end\n");
    return v.toString();
  }

  /**
   * Whether the AXI4-Lite master has nothing released waiting or in flight, from its state (a wire
   * would show a release made in the same time step only after the sequencer has moved on).
   */
  private String liteIdle() {
    return lite == null ? "1'b1" : "(!u_" + lite.name() + ".active && u_" + lite.name() + ".started == released)";
  }

  /** Input ports driven by a bus model, so not held at 0 by the bench. */
  private Map<String, String> busDrivenInputs() {
    Map<String, String> driven = new LinkedHashMap<>();
    for (BusSpec bus : design.buses()) {
      for (BusSpec.Signal signal : bus.signals()) {
        if (signal.direction() == Direction.INPUT) {
          driven.put(bus.port(signal.signal()), bus.name());
        }
      }
    }
    return driven;
  }

  private static String words(List<long[]> rows) {
    StringBuilder text = new StringBuilder();
    for (long[] row : rows) {
      for (long word : row) {
        text.append(String.format("%016x", word)).append('\n');
      }
    }
    return text.length() == 0 ? "0000000000000000\n" : text.toString();
  }
}
