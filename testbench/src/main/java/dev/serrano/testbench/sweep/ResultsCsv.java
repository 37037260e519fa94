package dev.serrano.testbench.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A sweep's results as CSV (RFC 4180), one row per point in the given order: the point, each swept
 * parameter in the spec's order (empty where a grid leaves it at its default), the measurement, the
 * energy, every counter (by name), the error; then one row per {@link NetworkTotal} (status
 * {@code total}, workload = the network, no shape or utilization). Wall-clock times are left out, so
 * the same points always give the same bytes. A failed point has empty measurement cells.
 */
final class ResultsCsv {
  private static final List<String> MEASUREMENT = List.of("cycles", "scalesim_ws_cycles", "cycles_minus_scalesim",
      "pe_utilization", "exact", "mac_pj", "scratchpad_pj", "accumulator_pj", "dram_pj", "total_pj", "pj_per_mac",
      "tops_per_watt");

  private ResultsCsv() {}

  /**
   * Six significant digits in plain notation (217.6, 0.198675, 102700): readable in a spreadsheet
   * and the same on every machine; results.json keeps the full doubles.
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  static String format(SweepSpec spec, List<PointResult> results) {
    Set<String> counters = new TreeSet<>();
    results.stream().filter(r -> !r.failed()).forEach(r -> counters.addAll(r.measurement().counters().keySet()));
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(spec.parameterNames());
    header.addAll(List.of("workload", "m", "n", "k", "macs", "status"));
    header.addAll(MEASUREMENT);
    counters.forEach(counter -> header.add("counter_" + counter));
    header.add("error");
    StringBuilder csv = new StringBuilder();
    csv.append(row(header));
    for (PointResult result : results) {
      List<String> cells = new ArrayList<>(List.of(result.key()));
      spec.parameterNames().forEach(name -> cells.add(result.parameters().getOrDefault(name, "")));
      cells.addAll(List.of(result.workload(), "" + result.m(), "" + result.n(), "" + result.k(),
          "" + (long) result.m() * result.n() * result.k(), result.failed() ? "failed" : "ok"));
      if (result.failed()) {
        MEASUREMENT.forEach(column -> cells.add(""));
        counters.forEach(counter -> cells.add(""));
        cells.add(result.error());
      } else {
        PointResult.Measurement m = result.measurement();
        PointResult.EnergyFigures e = m.energy();
        cells.addAll(List.of("" + m.cycles(), "" + m.scaleSimWsCycles(), "" + m.cyclesMinusScaleSim(),
            number(m.peUtilization()), "" + m.exact(), number(e.macPj()), number(e.scratchpadPj()),
            number(e.accumulatorPj()), number(e.dramPj()), number(e.totalPj()), number(e.picojoulesPerMac()),
            number(e.topsPerWatt())));
        counters.forEach(counter -> cells.add(m.counters().containsKey(counter) ? "" + m.counters().get(counter)
            : ""));
        cells.add("");
      }
      csv.append(row(cells));
    }
    for (NetworkTotal total : NetworkTotal.of(spec, results)) {
      List<String> cells = new ArrayList<>(List.of(total.key()));
      spec.parameterNames().forEach(name -> cells.add(total.parameters().getOrDefault(name, "")));
      PointResult.EnergyFigures e = total.energy();
      cells.addAll(List.of(total.network(), "", "", "", "" + total.macs(), "total", "" + total.cycles(),
          "" + total.scaleSimWsCycles(), "" + (total.cycles() - total.scaleSimWsCycles()), "", "" + total.exact(),
          number(e.macPj()), number(e.scratchpadPj()), number(e.accumulatorPj()), number(e.dramPj()),
          number(e.totalPj()), number(e.picojoulesPerMac()), number(e.topsPerWatt())));
      counters.forEach(counter -> cells.add(total.counters().containsKey(counter)
          ? "" + total.counters().get(counter) : ""));
      cells.add("");
      csv.append(row(cells));
    }
    return csv.toString();
  }

  private static String row(List<String> cells) {
    return cells.stream().map(ResultsCsv::quote).collect(Collectors.joining(",")) + "\n";
  }

  /** Quoted only when it must be: a comma, a quote or a line break. */
  private static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
