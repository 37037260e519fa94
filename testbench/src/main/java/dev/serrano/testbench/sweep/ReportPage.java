package dev.serrano.testbench.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The HTML of a {@link SweepReport}: one page, charts inlined as SVG, inline CSS, no scripts. */
final class ReportPage {
  private static final String CSS = """
      body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1400px; }
      h1, h2, h3 { font-weight: 600; }
      table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
      th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: right; vertical-align: top; }
      th { background: #f0f0f0; }
      td { white-space: nowrap; }
      td.text, th.text { text-align: left; }
      td.text { white-space: normal; }
      tr.failed td { background: #fff0f0; }
      .out { color: #b00; font-weight: 600; }
      .in { color: #070; }
      figure { margin: 1.5em 0; }
      figcaption { max-width: 900px; margin-top: 0.5em; }
      """;
  private static final List<String> FIGURES = List.of("R x C", "cycles", "closed form", "measured - model",
      "difference %", "PE util %", "GOPS", "pJ/MAC", "TOPS/W", "PE+SRAM TOPS/W", "area (generic cells)",
      "iCE40 LUT/FF/carry/DSP/BRAM", "Xilinx LUT/FF/carry/DSP/BRAM", "SRAM bits");

  private final SweepReport report;
  private final List<ReportCharts.Chart> charts;
  private final Map<String, ReportPoint> measuredByKey = new HashMap<>();
  private final StringBuilder html = new StringBuilder();

  ReportPage(SweepReport report, List<ReportCharts.Chart> charts) {
    this.report = report;
    this.charts = charts;
    report.measured().forEach(p -> measuredByKey.put(p.key(), p));
  }

  String html() {
    long failed = report.points().stream().filter(PointResult::failed).count();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sweep report</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>Sweep report</h1>\n");
    paragraph(report.points().size() + " points, " + (report.points().size() - failed) + " measured, " + failed
        + " failed; " + report.totals().size() + " network totals. Throughput (GOPS, 2 operations per MAC) is"
        + " stated at " + ReportCharts.number(report.clockMhz()) + " MHz; energy from the table "
        + report.energyTable().name() + " (below, with its sources). Written by scripts/sweep run, merge or"
        + " report (docs/sweeps.md); no wall-clock figures, so the same results give the same page.");
    charts();
    pareto();
    sanity();
    pointTable();
    totalTable();
    energyTable();
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private void charts() {
    html.append("<h2>Charts</h2>\n");
    for (ReportCharts.Chart chart : charts) {
      html.append("<figure>\n").append(ChartRenderer.svgElement(chart)).append("\n<figcaption>")
          .append(escape(chart.caption())).append(" Files: <a href=\"").append(chart.name())
          .append(".svg\">").append(chart.name()).append(".svg</a>, <a href=\"").append(chart.name())
          .append(".png\">").append(chart.name()).append(".png</a>.</figcaption>\n</figure>\n");
    }
  }

  private void pareto() {
    html.append("<h2>Pareto-optimal points</h2>\n");
    paragraph("Per workload (a GEMM on its own or a network total): a point is optimal when no other point of"
        + " the same workload has at least its GOPS and its TOPS/W and at most its area, and is better in one of"
        + " them. Where a point of the workload has no area, over GOPS and TOPS/W alone.");
    if (!report.workloadsWithoutArea().isEmpty()) {
      paragraph("Without area (two objectives): " + String.join(", ", report.workloadsWithoutArea()) + ".");
    }
    List<String> header = new ArrayList<>(List.of("workload", "point"));
    header.addAll(FIGURES);
    startTable(header, 2);
    for (ReportPoint p : report.paretoFront()) {
      List<Cell> cells = new ArrayList<>(List.of(text(p.workload()), text(p.key())));
      cells.addAll(figures(p));
      row("", cells);
    }
    html.append("</table>\n");
  }

  private void sanity() {
    html.append("<h2>Energy sanity</h2>\n");
    paragraph("Published ranges for 45 nm int8 designs (shared/reference/models.md 5.2 item 4; the pJ/MAC range"
        + " is for large layers). A figure outside its range is flagged here and in the tables below, not hidden;"
        + " far outside usually means a units error.");
    startTable(List.of("quantity", "range", "points in range", "points out of range", "totals in range",
        "totals out of range"), 1);
    List<ReportPoint> totals = report.plottedTotals();
    for (EnergySanity range : EnergySanity.RANGES) {
      long pointsIn = report.measured().stream().filter(range::holds).count();
      long totalsIn = totals.stream().filter(range::holds).count();
      row("", List.of(text(range.quantity()), number(ReportCharts.number(range.low()) + " to "
          + ReportCharts.number(range.high())), number(pointsIn), number(report.measured().size() - pointsIn),
          number(totalsIn), number(totals.size() - totalsIn)));
    }
    html.append("</table>\n");
  }

  private void pointTable() {
    html.append("<h2>Points</h2>\n");
    paragraph("Every point, failed ones with their reason. Difference % = (measured - closed form) / closed form.");
    List<String> header = new ArrayList<>(List.of("point", "workload", "M", "N", "K", "status"));
    header.addAll(FIGURES);
    EnergySanity.RANGES.forEach(range -> header.add(range.quantity() + " in range"));
    header.addAll(List.of("exact", "reason"));
    startTable(header, 2);
    for (PointResult point : report.points()) {
      List<Cell> cells = new ArrayList<>(List.of(text(point.key()), text(point.workload()), number(point.m()),
          number(point.n()), number(point.k()), text(point.failed() ? "failed" : "ok")));
      if (point.failed()) {
        for (int i = 0; i < FIGURES.size() + EnergySanity.RANGES.size() + 1; i++) {
          cells.add(number(""));
        }
        cells.add(text(point.error()));
        row("failed", cells);
      } else {
        ReportPoint p = measuredByKey.get(point.key());
        cells.addAll(figures(p));
        cells.addAll(flags(p));
        cells.add(text("" + point.measurement().exact()));
        cells.add(text(""));
        row("", cells);
      }
    }
    html.append("</table>\n");
  }

  private void totalTable() {
    html.append("<h2>Network totals</h2>\n");
    paragraph("One row per configuration and network whose every layer ran: the sums of the layers; pJ/MAC and"
        + " TOPS/W over the whole network.");
    List<String> header = new ArrayList<>(List.of("total", "network", "layers", "MACs"));
    header.addAll(FIGURES);
    EnergySanity.RANGES.forEach(range -> header.add(range.quantity() + " in range"));
    header.add("exact");
    startTable(header, 2);
    for (int i = 0; i < report.totals().size(); i++) {
      NetworkTotal total = report.totals().get(i);
      ReportPoint p = report.plottedTotals().get(i);
      List<Cell> cells = new ArrayList<>(List.of(text(total.key()), text(total.network()), number(total.layers()),
          number(total.macs())));
      cells.addAll(figures(p));
      cells.addAll(flags(p));
      cells.add(text("" + total.exact()));
      row("", cells);
    }
    html.append("</table>\n");
  }

  private void energyTable() {
    EnergyTable table = report.energyTable();
    html.append("<h2>Energy table: ").append(escape(table.name())).append("</h2>\n");
    paragraph("Energy = action counts from the run's counters x these energies (docs/sweeps.md, Energy model).");
    startTable(List.of("action", "pJ", "source"), 1);
    costRow("int8 add (not charged)", table.int8Add());
    costRow("int8 multiply", table.int8Mult());
    costRow("int32 add", table.int32Add());
    for (EnergyTable.SramClass sram : table.sramRead64Bits()) {
      row("", List.of(text("SRAM, 64 bits, " + sram.capacityBytes() + " B array"),
          number(sram.picojoules()), text(sram.source())));
    }
    costRow("DRAM, 64 bits", table.dram64Bits());
    html.append("</table>\n");
  }

  private void costRow(String action, EnergyTable.Cost cost) {
    row("", List.of(text(action), number(cost.picojoules()), text(cost.source())));
  }

  private List<Cell> figures(ReportPoint p) {
    long difference = p.cycles() - p.scaleSimCycles();
    return List.of(number(p.rows() + " x " + p.cols()), number(p.cycles()), number(p.scaleSimCycles()),
        number(difference), number(100.0 * difference / p.scaleSimCycles()), number(100 * p.utilization()),
        number(p.gops(report.clockMhz())), number(p.picojoulesPerMac()), number(p.topsPerWatt()),
        number(p.peSramTopsPerWatt()), p.genericCells() == null ? number("") : number(p.genericCells()),
        resources(p.area() == null ? null : p.area().ice40()), resources(p.area() == null ? null : p.area().xilinx()),
        p.area() == null ? number("") : number(p.area().sramBits()));
  }

  private static Cell resources(Area.Resources r) {
    return number(r == null ? "" : r.lut() + "/" + r.ff() + "/" + r.carry() + "/" + r.dsp() + "/" + r.bram());
  }

  private static List<Cell> flags(ReportPoint p) {
    return EnergySanity.RANGES.stream().map(range -> new Cell(range.holds(p) ? "<span class=\"in\">yes</span>"
        : "<span class=\"out\">NO</span>", true)).toList();
  }

  /** A table's head; the first {@code textColumns} columns are left-aligned. */
  private void startTable(List<String> header, int textColumns) {
    html.append("<table>\n<tr>");
    for (int i = 0; i < header.size(); i++) {
      html.append(i < textColumns ? "<th class=\"text\">" : "<th>").append(escape(header.get(i))).append("</th>");
    }
    html.append("</tr>\n");
  }

  /** A table cell: its HTML, and whether it is text (left-aligned) rather than a number. */
  private record Cell(String html, boolean text) {}

  private void row(String rowClass, List<Cell> cells) {
    html.append(rowClass.isEmpty() ? "<tr>" : "<tr class=\"" + rowClass + "\">");
    for (Cell cell : cells) {
      html.append(cell.text() ? "<td class=\"text\">" : "<td>").append(cell.html()).append("</td>");
    }
    html.append("</tr>\n");
  }

  private static Cell text(String value) {
    return new Cell(escape(value), true);
  }

  private static Cell number(String value) {
    return new Cell(value, false);
  }

  private static Cell number(long value) {
    return number("" + value);
  }

  private static Cell number(double value) {
    return number(ResultsCsv.number(value));
  }

  private void paragraph(String text) {
    html.append("<p>").append(escape(text)).append("</p>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
