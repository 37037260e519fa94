package dev.serrano.testbench.sweep;

import dev.serrano.hdl.emit.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's report: {@code index.html}, self-contained (charts inlined as SVG, inline CSS, no scripts
 * or fonts to fetch), and each chart as {@code NAME.svg} and {@code NAME.png} beside it.
 *
 * <p>The charts plot the measured points of GEMMs on their own and the network totals, one series per
 * workload (a GEMM or a network); the cycles chart plots every measured point, a network's layers
 * under the network's name. The tables list every point, failed ones with their reasons. Nothing in
 * the report depends on wall-clock time, so the same results give the same bytes.
 */
public final class SweepReport {
  static {
    // No window is ever opened: the charts draw into SVG and images, on machines without a display too. Set
    // before JFreeChart or Java2D first ask whether there is a screen.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private final List<PointResult> points;
  private final List<NetworkTotal> totals;
  private final EnergyTable energyTable;
  private final double clockMhz;
  private final List<ReportPoint> measured = new ArrayList<>();
  private final List<ReportPoint> plotted = new ArrayList<>();
  private final List<ReportPoint> plottedTotals = new ArrayList<>();
  private final Map<String, String> seriesOfPoint = new LinkedHashMap<>();
  private final List<ReportPoint> front = new ArrayList<>();
  private final List<String> workloadsWithoutArea = new ArrayList<>();

  /**
   * @param points every point of the sweep found, failed ones included, in the spec's order
   * @param totals the network totals ({@link NetworkTotal#of})
   * @param networkOfWorkload the network each layer's workload name belongs to; GEMMs on their own are absent
   * @param energyTable the table the energies were computed with, printed with its sources
   * @param clockMhz the clock throughput (GOPS) is stated at
   */
  public SweepReport(List<PointResult> points, List<NetworkTotal> totals, Map<String, String> networkOfWorkload,
      EnergyTable energyTable, double clockMhz) {
    if (!(clockMhz > 0 && clockMhz <= 1e6)) {
      throw new IllegalArgumentException("clockMhz must be above 0 and at most 1e6, got " + clockMhz);
    }
    this.points = List.copyOf(points);
    this.totals = List.copyOf(totals);
    this.energyTable = energyTable;
    this.clockMhz = clockMhz;
    for (PointResult point : points) {
      if (!point.failed()) {
        ReportPoint p = ReportPoint.of(point);
        measured.add(p);
        String network = networkOfWorkload.get(point.workload());
        seriesOfPoint.put(p.key(), network == null ? p.series() : ReportPoint.label(network, p.variant()));
        if (network == null) {
          plotted.add(p);
        }
      }
    }
    totals.forEach(total -> plottedTotals.add(ReportPoint.of(total)));
    plotted.addAll(plottedTotals);
    paretoFronts();
  }

  /** The report of a sweep folder's results, throughput at the spec's clock. */
  public static SweepReport of(SweepSpec spec, List<PointResult> points, EnergyTable energyTable) {
    Map<String, String> networkOfWorkload = new LinkedHashMap<>();
    spec.workloads().stream().filter(gemm -> gemm.network() != null)
        .forEach(gemm -> networkOfWorkload.put(gemm.name(), gemm.network()));
    return new SweepReport(points, NetworkTotal.of(spec, points), networkOfWorkload, energyTable, spec.clockMhz());
  }

  /**
   * Per workload: the points no other point of the workload beats in GOPS, TOPS/W and area (fewer
   * cells) at once; over GOPS and TOPS/W alone when a point of the workload has no area.
   */
  private void paretoFronts() {
    Map<String, List<ReportPoint>> byWorkload = new LinkedHashMap<>();
    plotted.forEach(p -> byWorkload.computeIfAbsent(p.paretoGroup(), w -> new ArrayList<>()).add(p));
    byWorkload.forEach((workload, group) -> {
      List<ParetoFront.Objective<ReportPoint>> objectives = new ArrayList<>();
      objectives.add(p -> p.gops(clockMhz));
      objectives.add(ReportPoint::topsPerWatt);
      if (group.stream().allMatch(p -> p.genericCells() != null)) {
        objectives.add(p -> -p.genericCells());
      } else {
        workloadsWithoutArea.add(workload);
      }
      front.addAll(ParetoFront.of(group, objectives));
    });
  }

  /** The Pareto-optimal points, workload by workload. */
  List<ReportPoint> paretoFront() {
    return front;
  }

  List<ReportCharts.Chart> charts() {
    return List.of(ReportCharts.utilization(plotted),
        ReportCharts.cycles(measured, p -> seriesOfPoint.get(p.key())),
        ReportCharts.area(plotted, clockMhz),
        ReportCharts.pareto(plotted, front, clockMhz),
        ReportCharts.energy(plotted));
  }

  /**
   * Writes the report into {@code folder} (replacing it): built in a temporary folder beside it and
   * moved into place, so a killed run leaves the previous report or the new one, not half of one.
   */
  public void write(Path folder) throws IOException {
    Path parent = folder.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path building = OutputWriter.createStagingFolder(parent, folder.getFileName() + ".new");
    try {
      List<ReportCharts.Chart> charts = charts();
      for (ReportCharts.Chart chart : charts) {
        Files.writeString(building.resolve(chart.name() + ".svg"), ChartRenderer.svgDocument(chart),
            StandardCharsets.UTF_8);
        Files.write(building.resolve(chart.name() + ".png"), ChartRenderer.png(chart));
      }
      Files.writeString(building.resolve("index.html"), new ReportPage(this, charts).html(), StandardCharsets.UTF_8);
      Path old = Files.exists(folder) ? Files.move(folder, Files.createTempDirectory(parent,
          folder.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING) : null;
      Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        SweepFolder.deleteTree(old);
      }
    } finally {
      if (Files.exists(building)) {
        SweepFolder.deleteTree(building);
      }
    }
  }

  List<PointResult> points() {
    return points;
  }

  List<NetworkTotal> totals() {
    return totals;
  }

  List<ReportPoint> measured() {
    return measured;
  }

  /** GEMMs on their own, then the network totals. */
  List<ReportPoint> plotted() {
    return plotted;
  }

  /** The network totals, as {@link #totals()} orders them. */
  List<ReportPoint> plottedTotals() {
    return plottedTotals;
  }

  List<String> workloadsWithoutArea() {
    return workloadsWithoutArea;
  }

  EnergyTable energyTable() {
    return energyTable;
  }

  double clockMhz() {
    return clockMhz;
  }
}
