package dev.serrano.hdl.cli;

import dev.serrano.hdl.emit.ClockTargets;
import dev.serrano.hdl.emit.Constraints;
import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.tools.MappingExpectation;
import dev.serrano.hdl.tools.PlaceAndRoute;
import dev.serrano.hdl.tools.ResourceTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serrano pnr}: generates a top and its iCE40 board build (constraints: {@code <top>_ice40.v},
 * {@code .pcf}) into one folder, places and routes it on an iCE40UP5K with nextpnr-ice40, and prints
 * the utilization and the achieved Fmax against the target. Exit 1 when it does not fit, when a MAC
 * or memory is not mapped as it must be, or when the target is missed.
 */
@Command(name = "pnr", description = "Places and routes a top's iCE40 board build (iCE40UP5K-SG48) with nextpnr-ice40 "
    + "and reports utilization and Fmax against the target.")
final class PnrCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  DesignSelection selection;

  @Option(names = "--clock-mhz", paramLabel = "MHZ", description = "the target frequency (default: 24)")
  double clockMhz = ClockTargets.DEFAULTS.ice40Mhz();

  @Mixin
  WorkFolder work;

  @Override
  public Integer call() {
    ClockTargets targets = ClockTargets.all(clockMhz);
    Design design = selection.design();
    EmittedDesign rtl = EmittedDesign.of(design);
    Map<String, String> files = new LinkedHashMap<>(rtl.files());
    Map<String, String> constraints = Constraints.emit(design, targets);
    files.putAll(constraints);
    Path out = work.write(new EmittedDesign(rtl.top(), files));
    String board = Constraints.ice40BuildName(design.top());
    List<String> sources = new ArrayList<>(rtl.verilogFiles());
    sources.add(board + ".v");
    PlaceAndRoute.Report report = PlaceAndRoute.ice40Up5k(out, sources, board, out.resolve(board + ".pcf"));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("nextpnr-ice40 on " + report.device() + " of " + board + " (" + out + "):\n");
    stdout.print(ResourceTable.format(List.of(report.synthesis())));
    stdout.println("\n| resource | used | available |\n|---|---|---|");
    report.utilization().forEach((name, use) -> {
      if (use.used() > 0) {
        stdout.printf("| %s | %d | %d |%n", name, use.used(), use.available());
      }
    });
    stdout.printf(Locale.ROOT, "%nFmax %.1f MHz against a target of %.1f MHz: %s%n", report.achievedMhz(),
        report.targetMhz(), report.timingMet() ? "met" : "MISSED");
    List<String> problems = new ArrayList<>(MappingExpectation.of(design).problems(report.synthesis()));
    if (!report.timingMet()) {
      problems.add(String.format(Locale.ROOT, "ice40: Fmax %.1f MHz misses the %.1f MHz target (--clock-mhz)",
          report.achievedMhz(), report.targetMhz()));
    }
    problems.forEach(p -> spec.commandLine().getErr().println("serrano pnr: " + p));
    return problems.isEmpty() ? 0 : 1;
  }
}
