package dev.serrano.hdl.cli;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.MappingExpectation;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.ResourceTable;
import dev.serrano.hdl.tools.Synthesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serrano synth}: generates a top, synthesizes it with Yosys in each flow, prints the resource
 * table, writes {@code synth-<flow>.json} per flow, and fails (exit 1) when a multiplier is not in
 * a DSP block or a memory that must be block RAM is not.
 */
@Command(name = "synth", description = "Synthesizes a top with Yosys (generic, ice40, xilinx, ecp5) and reports its "
    + "resources; fails when MACs are not DSP blocks or scratchpad banks not block RAM.")
final class SynthCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  DesignSelection selection;

  @Option(names = "--flow", paramLabel = "FLOW", split = ",",
      description = "generic, ice40, xilinx, ecp5; repeatable or comma-separated (default: all)")
  List<String> flows = List.of("generic", "ice40", "xilinx", "ecp5");

  @Mixin
  WorkFolder work;

  @Override
  public Integer call() throws IOException {
    List<Flow> chosen = flows.stream().map(Flow::byId).toList();
    Design design = selection.design();
    EmittedDesign emitted = EmittedDesign.of(design);
    Path out = work.write(emitted);
    MappingExpectation expected = MappingExpectation.of(design);
    PrintWriter stdout = spec.commandLine().getOut();
    List<ResourceReport> reports = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Flow flow : chosen) {
      ResourceReport report = Synthesis.run(out, emitted.verilogFiles(), emitted.top(), flow);
      Files.writeString(out.resolve("synth-" + flow.id() + ".json"), report.toJson());
      reports.add(report);
      problems.addAll(expected.problems(report));
    }
    stdout.println("Yosys resources of " + emitted.top() + " (" + out + "):\n");
    stdout.print(ResourceTable.format(reports));
    stdout.printf("%nexpected in DSP blocks: %d multiplier(s); in block RAM (iCE40 / 7-series, ECP5): %s / %s%n",
        expected.multipliers(), names(expected, Flow.ICE40), names(expected, Flow.XILINX));
    if (chosen.contains(Flow.ICE40) && expected.multipliers() > 0) {
      stdout.println("ice40: SB_MAC16 as plain multipliers, accumulators in LUTs (Yosys 0.23's ice40_dsp packing"
          + " mis-maps arrays; see docs/flows.md)");
    }
    if (!problems.isEmpty()) {
      PrintWriter stderr = spec.commandLine().getErr();
      problems.forEach(p -> stderr.println("serrano synth: " + p));
      return 1;
    }
    return 0;
  }

  private static String names(MappingExpectation expected, Flow flow) {
    var memories = expected.blockRamMemories(flow);
    return memories.isEmpty() ? "none" : String.join(", ",
        memories.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList());
  }
}
