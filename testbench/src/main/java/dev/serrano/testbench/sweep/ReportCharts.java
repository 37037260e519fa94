package dev.serrano.testbench.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, built with JFreeChart. Every axis formats its numbers in {@link Locale#ROOT},
 * so the charts do not depend on the machine's locale; series come in the order of the points.
 */
final class ReportCharts {
  private static final Locale LOCALE = Locale.ROOT;
  /** Tableau's ten colours: told apart on screen and in print, no yellow on white. */
  private static final Paint[] PALETTE = Stream.of(0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948,
      0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac).map(Color::new).toArray(Paint[]::new);
  private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private ReportCharts() {}

  /**
   * A chart, what it shows for the page, and the file name (without extension) and size it is written with.
   */
  record Chart(String name, String caption, JFreeChart chart, int width, int height) {}

  /** PE utilization against R x C, one series per workload (a GEMM on its own or a network). */
  static Chart utilization(List<ReportPoint> points) {
    XYSeriesCollection data = series(points, ReportPoint::series, p -> p.arrayMacs(), p -> 100 * p.utilization());
    LogAxis size = logAxis("array size R x C (MACs per cycle)", 2, "0");
    if (!points.isEmpty()) {
      size.setRange(points.stream().mapToInt(ReportPoint::arrayMacs).min().orElseThrow() / 1.3,
          points.stream().mapToInt(ReportPoint::arrayMacs).max().orElseThrow() * 1.3);
    }
    NumberAxis utilization = numberAxis("PE utilization (%)");
    utilization.setRange(0, 105);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    // A line joins the sizes of a workload only where each size occurs once; otherwise it would zig-zag.
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesLinesVisible(s, distinctX(data.getSeries(s)));
    }
    return new Chart("utilization", "PE utilization (useful MACs per array MAC slot over the run) against the"
        + " array's R x C, one series per workload: each GEMM on its own and each network (its total). A line joins"
        + " a workload's sizes where each size occurs once.", chart("PE utilization vs array size",
        new XYPlot(data, size, utilization, renderer)), 800, 500);
  }

  /** Measured cycles against SCALE-Sim's closed form, every measured point, with the y = x line. */
  static Chart cycles(List<ReportPoint> points, Function<ReportPoint, String> series) {
    XYSeriesCollection data = series(points, series, ReportPoint::scaleSimCycles, ReportPoint::cycles);
    XYPlot plot = new XYPlot(data, numberAxis("SCALE-Sim closed-form cycles"), numberAxis("measured cycles"),
        new XYLineAndShapeRenderer(false, true));
    if (!points.isEmpty()) {
      double low = points.stream().mapToDouble(p -> Math.min(p.cycles(), p.scaleSimCycles())).min().orElseThrow();
      double high = points.stream().mapToDouble(p -> Math.max(p.cycles(), p.scaleSimCycles())).max().orElseThrow();
      // The same range on both axes, so that measured = closed form is the diagonal; logarithmic from two decades on.
      plot.setDomainAxis(cycleAxis("SCALE-Sim closed-form cycles", low, high));
      plot.setRangeAxis(cycleAxis("measured cycles", low, high));
      XYSeries identity = new XYSeries("measured = closed form");
      identity.add(low, low);
      identity.add(high, high);
      XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
      line.setSeriesPaint(0, Color.GRAY);
      line.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {4f, 4f}, 0f));
      plot.setDataset(1, new XYSeriesCollection(identity));
      plot.setRenderer(1, line);
    }
    return new Chart("cycles", "Measured cycles against SCALE-Sim's stall-free closed form for the point's dataflow,"
        + " every measured point (a network's layers under the network's name); the dashed line is measured ="
        + " closed form. The difference per point is in the points table.", chart("Measured cycles vs SCALE-Sim closed form", plot), 800, 500);
  }

  /** Throughput at {@code clockMhz} against area; a note instead of points when the results hold no area. */
  static Chart area(List<ReportPoint> points, double clockMhz) {
    List<ReportPoint> withArea = points.stream().filter(p -> p.genericCells() != null).toList();
    XYSeriesCollection data = series(withArea, ReportPoint::series, p -> p.genericCells(),
        p -> p.gops(clockMhz));
    NumberAxis area = numberAxis("area (generic Yosys cells)");
    area.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, area, numberAxis("GOPS at " + number(clockMhz) + " MHz"),
        new XYLineAndShapeRenderer(false, true));
    plot.setNoDataMessage("No area in these results: none of the points carries a Yosys cell count.");
    area.setVisible(!withArea.isEmpty());
    plot.getRangeAxis().setVisible(!withArea.isEmpty());
    JFreeChart chart = chart("Throughput vs area", plot);
    if (!withArea.isEmpty() && withArea.size() < points.size()) {
      chart.addSubtitle(note((points.size() - withArea.size()) + " of " + points.size()
          + " points have no area and are not shown"));
    }
    return new Chart("area", "Throughput at " + number(clockMhz) + " MHz against area in generic Yosys cells (the"
        + " configuration's; a network total takes its configuration's area).", chart, 800, 500);
  }

  /**
   * Throughput against TOPS/W, one series per workload; the points on their workload's Pareto front
   * are ringed, labelled with their area when known.
   */
  static Chart pareto(List<ReportPoint> points, List<ReportPoint> front, double clockMhz) {
    XYPlot plot = new XYPlot(series(points, ReportPoint::series, ReportPoint::topsPerWatt,
        p -> p.gops(clockMhz)), numberAxis("system TOPS/W"), numberAxis("GOPS at " + number(clockMhz) + " MHz"),
        new XYLineAndShapeRenderer(false, true));
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    XYSeries optimal = new XYSeries("Pareto-optimal", false, true);
    front.forEach(p -> optimal.add(p.topsPerWatt(), p.gops(clockMhz)));
    XYLineAndShapeRenderer ring = new XYLineAndShapeRenderer(false, true);
    ring.setSeriesShape(0, new Ellipse2D.Double(-7, -7, 14, 14));
    ring.setSeriesShapesFilled(0, false);
    ring.setUseOutlinePaint(false);
    ring.setSeriesPaint(0, Color.BLACK);
    ring.setSeriesStroke(0, new BasicStroke(1.5f));
    ring.setDefaultItemLabelGenerator((dataset, series, item) -> {
      Long cells = front.get(item).genericCells();
      return cells == null ? null : number(cells) + " cells";
    });
    ring.setDefaultItemLabelsVisible(true);
    ring.setDefaultItemLabelFont(NOTE_FONT);
    plot.setDataset(1, new XYSeriesCollection(optimal));
    plot.setRenderer(1, ring);
    return new Chart("pareto", "Throughput against system TOPS/W, one series per workload; ringed: the"
        + " workload's Pareto-optimal points over GOPS, TOPS/W and area (labelled with their area in cells when"
        + " known), listed in the table of Pareto-optimal points.", chart("Pareto front: throughput vs TOPS/W vs area", plot), 800, 500);
  }

  /** Energy per useful MAC by part, one stacked bar per plotted point. */
  static Chart energy(List<ReportPoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportPoint p : points) {
      data.addValue(p.energy().macPj() / p.macs(), "MAC", p.key());
      data.addValue(p.energy().scratchpadPj() / p.macs(), "scratchpad", p.key());
      data.addValue(p.energy().accumulatorPj() / p.macs(), "accumulator", p.key());
      data.addValue(p.energy().dramPj() / p.macs(), "DRAM", p.key());
    }
    StackedBarRenderer renderer = new StackedBarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    CategoryAxis configuration = new CategoryAxis();
    configuration.setMaximumCategoryLabelWidthRatio(0.6f);
    CategoryPlot plot = new CategoryPlot(data, configuration, numberAxis("pJ per useful MAC"), renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    return new Chart("energy", "Energy per useful MAC by part (MAC, scratchpad, accumulator, DRAM) for each"
        + " plotted point: GEMMs on their own and network totals.", chart("Energy per MAC by part", plot), 900, Math.max(300, 120 + 22 * points.size()));
  }

  /** One series per {@code seriesOf}, in the order the series first occur in {@code points}. */
  private static XYSeriesCollection series(List<ReportPoint> points, Function<ReportPoint, String> seriesOf,
      ToDoubleFunction<ReportPoint> x, ToDoubleFunction<ReportPoint> y) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    for (ReportPoint p : points) {
      series.computeIfAbsent(seriesOf.apply(p), name -> new XYSeries(name, true, true))
          .add(x.applyAsDouble(p), y.applyAsDouble(p));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    return data;
  }

  private static boolean distinctX(XYSeries series) {
    Set<Number> seen = new HashSet<>();
    for (int i = 0; i < series.getItemCount(); i++) {
      if (!seen.add(series.getX(i))) {
        return false;
      }
    }
    return true;
  }

  private static JFreeChart chart(String title, Plot plot) {
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    plot.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    chart.setBackgroundPaint(Color.WHITE);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (plot instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    return chart;
  }

  private static TextTitle note(String text) {
    return new TextTitle(text, NOTE_FONT);
  }

  private static NumberAxis numberAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(LOCALE));
    return axis;
  }

  private static ValueAxis cycleAxis(String label, double low, double high) {
    if (high >= 100 * low) {
      LogAxis axis = logAxis(label, 10, "#,##0");
      axis.setRange(low / 1.2, high * 1.2);
      return axis;
    }
    NumberAxis axis = numberAxis(label);
    double margin = Math.max(1, (high - low) * 0.05);
    axis.setRange(Math.max(0, low - margin), high + margin);
    return axis;
  }

  private static LogAxis logAxis(String label, double base, String pattern) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(base);
    // A tick at each power of the base: the automatic choice puts them at fractional powers, which round to
    // labels such as 4, 4, 5, 5.
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setMinorTickMarksVisible(false);
    axis.setNumberFormatOverride(new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(LOCALE)));
    return axis;
  }

  /** A number for a label: at most three decimals, no grouping, the same in every locale. */
  static String number(double value) {
    NumberFormat format = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(LOCALE));
    return format.format(value);
  }
}
