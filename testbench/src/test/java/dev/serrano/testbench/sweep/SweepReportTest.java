package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report from made-up results. The workload {@code g} (8 x 8 x 8 = 512 MACs) runs on four
 * configurations; at 500 MHz GOPS = 2 x 512 x 500 / cycles / 1000 and TOPS/W = 1024 / total pJ:
 *
 * <pre>
 * A rows=2,cols=2          200 cycles, 4096 pJ: 2.56 GOPS, 0.25 TOPS/W    optimal (best TOPS/W)
 * B rows=4,cols=4          100 cycles, 5120 pJ: 5.12 GOPS, 0.2 TOPS/W     optimal (best GOPS)
 * D rows=4,cols=4,spRows=64 150 cycles, 8192 pJ: 3.41 GOPS, 0.125 TOPS/W  dominated by B; 16 pJ/MAC
 * C rows=8,cols=8          failed
 * </pre>
 *
 * The network {@code net} (two 4 x 4 x 4 layers, 640 pJ each) runs on A and B; its totals are 128
 * MACs and 1280 pJ on both, 100 cycles on A and 50 on B: B's total beats A's in GOPS at equal TOPS/W,
 * so only B's is optimal.
 */
class SweepReportTest {
  private static final Map<String, String> A = parameters("2", "2", null);
  private static final Map<String, String> B = parameters("4", "4", null);
  private static final Map<String, String> C = parameters("8", "8", null);
  private static final Map<String, String> D = parameters("4", "4", "64");

  /** The report reads no traffic. */
  private static final PointResult.Traffic NO_TRAFFIC = new PointResult.Traffic(0, 0, 0, 0, null, 1, "compute");

  @TempDir
  Path temp;

  @Test
  void theReportHasEveryPointTheHandComputedParetoFrontAndTheSanityCounts() throws IOException {
    Path folder = temp.resolve("report");
    report().write(folder);
    String html = Files.readString(folder.resolve("index.html"));
    for (PointResult point : points()) {
      assertTrue(html.contains(point.key()), point.key());
    }
    assertTrue(html.contains("rows=2,cols=2@net</td>"), html);
    assertTrue(html.contains("configuration rejected: rows too large"), html);
    assertEquals(List.of("rows=2,cols=2@g", "rows=4,cols=4@g", "rows=4,cols=4@net"),
        keysIn(section(html, "Pareto-optimal points")));
    // 200 cycles against a closed form of 150: 50 more, 33.3333 %.
    assertTrue(row(html, "rows=2,cols=2@g").contains("<td>200</td><td>150</td><td>50</td><td>33.3333</td>"),
        row(html, "rows=2,cols=2@g"));
    // pJ/MAC: D's 16 is out of 4 to 15; A 8, B 10 and the layers 10 are in; both totals are 10.
    assertTrue(section(html, "Energy sanity").contains(
        "<td class=\"text\">all-in pJ/MAC</td><td>4 to 15</td><td>6</td><td>1</td><td>2</td><td>0</td>"), html);
    assertTrue(html.contains("No area in these results"), html);
    assertFalse(html.contains("<script"), html);
    for (String fetch : List.of("<link", "<img", " src=", "href=\"http", "url(http", "@import")) {
      assertFalse(html.contains(fetch), "nothing to fetch: " + fetch);
    }
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  @Test
  void withAreaTheFrontIsOverThreeObjectivesAndTheAreaChartHasItsPoints() throws IOException {
    Path folder = temp.resolve("report");
    report(true).write(folder);
    String html = Files.readString(folder.resolve("index.html"));
    // D has less area (2000 cells) than B (4000), which beat it in GOPS and TOPS/W; A's total, less area than B's.
    assertEquals(List.of("rows=2,cols=2@g", "rows=4,cols=4@g", "rows=4,cols=4,spRows=64@g", "rows=2,cols=2@net",
        "rows=4,cols=4@net"), keysIn(section(html, "Pareto-optimal points")));
    assertFalse(html.contains("No area in these results"), html);
    assertFalse(html.contains("Without area"), html);
    // 2000 cells: iCE40 200 LUT, 100 FF, 7 carry, 4 DSP, 2 BRAM; Xilinx 166 LUT.
    assertTrue(row(html, "rows=4,cols=4,spRows=64@g").contains("<td>2000</td><td>200/100/7/4/2</td>"
        + "<td>166/100/3/4/1</td><td>65536</td>"), row(html, "rows=4,cols=4,spRows=64@g"));
  }

  @Test
  void theSameResultsGiveTheSameBytesAndThePngsHaveTheirSize() throws IOException {
    report().write(temp.resolve("first"));
    report().write(temp.resolve("second"));
    List<String> files = names(temp.resolve("first"));
    assertEquals(List.of("area.png", "area.svg", "cycles.png", "cycles.svg", "energy.png", "energy.svg",
        "index.html", "pareto.png", "pareto.svg", "utilization.png", "utilization.svg"), files);
    assertEquals(files, names(temp.resolve("second")));
    for (String file : files) {
      assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(file)),
          Files.readAllBytes(temp.resolve("second").resolve(file)), file);
    }
    for (ReportCharts.Chart chart : report().charts()) {
      BufferedImage image = ImageIO.read(temp.resolve("first").resolve(chart.name() + ".png").toFile());
      assertEquals(chart.width(), image.getWidth(), chart.name());
      assertEquals(chart.height(), image.getHeight(), chart.name());
    }
    // Five plotted bars (A, B, D on g; the two totals): 120 + 22 x 5 is below the 300 minimum.
    assertEquals(300, ImageIO.read(temp.resolve("first/energy.png").toFile()).getHeight());
  }

  @Test
  void writingAgainReplacesTheReportAndLeavesNothingBeside() throws IOException {
    Path folder = temp.resolve("report");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("stale.txt"), "from before");
    report().write(folder);
    assertFalse(Files.exists(folder.resolve("stale.txt")));
    assertEquals(List.of("report"), names(temp));
  }

  static SweepReport report() {
    return report(false);
  }

  /** The made-up results; {@code withArea}: every configuration that ran has an area (A 1000, B 4000, D 2000 cells). */
  static SweepReport report(boolean withArea) {
    return new SweepReport(points(withArea), totals(withArea), Map.of("net.l1", "net", "net.l2", "net"),
        EnergyTable.horowitz45nm(), 500);
  }

  static List<PointResult> points() {
    return points(false);
  }

  private static List<PointResult> points(boolean withArea) {
    return List.of(
        withArea(measured(A, "g", 8, 200, 150, 256, 512, 1024, 2304), withArea),
        withArea(measured(B, "g", 8, 100, 90, 512, 512, 1024, 3072), withArea),
        withArea(measured(D, "g", 8, 150, 90, 512, 512, 1024, 6144), withArea),
        new PointResult(name(C) + "@g", C, "g", 8, 8, 8, null, null, "configuration rejected: rows too large",
            new PointResult.Timing(0, 0, 0)),
        withArea(measured(A, "net.l1", 4, 50, 40, 64, 64, 128, 384), withArea),
        withArea(measured(A, "net.l2", 4, 50, 40, 64, 64, 128, 384), withArea),
        withArea(measured(B, "net.l1", 4, 25, 20, 64, 64, 128, 384), withArea),
        withArea(measured(B, "net.l2", 4, 25, 20, 64, 64, 128, 384), withArea));
  }

  private static List<NetworkTotal> totals(boolean withArea) {
    return List.of(total(A, 100, 80, withArea ? area(A) : null), total(B, 50, 40, withArea ? area(B) : null));
  }

  private static Area area(Map<String, String> configuration) {
    long cells = configuration == A ? 1000 : configuration == B ? 4000 : 2000;
    return new Area(cells, new Area.Resources(cells / 10, cells / 20, 7, 4, 2),
        new Area.Resources(cells / 12, cells / 20, 3, 4, 1), 65536);
  }

  private static PointResult withArea(PointResult point, boolean withArea) {
    if (!withArea) {
      return point;
    }
    Map<String, String> configuration = point.parameters().equals(A) ? A : point.parameters().equals(B) ? B : D;
    return new PointResult(point.key(), point.parameters(), point.workload(), point.m(), point.n(), point.k(),
        area(configuration), point.measurement(), point.error(), point.timing());
  }

  static PointResult measured(Map<String, String> parameters, String workload, int side, long cycles,
      long model, double mac, double scratchpad, double accumulator, double dram) {
    long macs = (long) side * side * side;
    int arrayMacs = Integer.parseInt(parameters.get("rows")) * Integer.parseInt(parameters.get("cols"));
    double total = mac + scratchpad + accumulator + dram;
    PointResult.EnergyFigures energy = new PointResult.EnergyFigures(mac, scratchpad, accumulator, dram, total,
        total / macs, 2.0 * macs / total, 2.0 * macs / (mac + scratchpad + accumulator));
    double utilization = (double) macs / (arrayMacs * cycles);
    PointResult.Measurement measurement = new PointResult.Measurement("ws", cycles, model, cycles - model,
        utilization, utilization, true, NO_TRAFFIC, energy, Map.of("mac_slots", arrayMacs * cycles));
    return new PointResult(name(parameters) + "@" + workload, parameters, workload, side, side, side, null,
        measurement, null, new PointResult.Timing(1, 0, 1));
  }

  private static NetworkTotal total(Map<String, String> parameters, long cycles, long model, Area area) {
    // Each: the two layers' 64 + 64 + 128 + 384 pJ, summed.
    PointResult.EnergyFigures energy = new PointResult.EnergyFigures(128, 128, 256, 768, 1280, 10, 0.2, 0.5);
    return new NetworkTotal(name(parameters) + "@net", parameters, "net", 2, 128, cycles, model, true, area,
        NO_TRAFFIC, energy, Map.of());
  }

  static Map<String, String> parameters(String rows, String cols, String spRows) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("rows", rows);
    parameters.put("cols", cols);
    if (spRows != null) {
      parameters.put("spRows", spRows);
    }
    return parameters;
  }

  private static String name(Map<String, String> parameters) {
    return String.join(",", parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** From the heading {@code title} to the end of the table after it. */
  private static String section(String html, String title) {
    int start = html.indexOf("<h2>" + title + "</h2>");
    return html.substring(start, html.indexOf("</table>", start));
  }

  /** The point keys in the second column of a table's rows. */
  private static List<String> keysIn(String table) {
    return Stream.of(table.split("\n")).filter(line -> line.startsWith("<tr><td"))
        .map(line -> line.split("</td>")[1].replaceFirst("<td[^>]*>", "")).toList();
  }

  /** The points table's row of {@code key}. */
  private static String row(String html, String key) {
    String points = section(html, "Points");
    return Stream.of(points.split("\n")).filter(line -> line.contains(">" + key + "</td>")).findFirst().orElseThrow();
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
