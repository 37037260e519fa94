package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Totals from made-up points: no simulation needed. */
class NetworkTotalTest {
  private static final SweepSpec SPEC = SweepSpec.parse("net", """
      { "parameters": {"rows": [2, 4]},
        "workloads": [{"name": "a.l1", "m": 2, "n": 3, "k": 4, "network": "a"}, {"m": 1, "n": 1, "k": 1},
                      {"name": "a.l2", "m": 5, "n": 6, "k": 7, "network": "a"},
                      {"name": "b.l1", "m": 1, "n": 2, "k": 3, "network": "b"}] }
      """);

  @Test
  void aTotalIsTheSumOfItsLayersRows() {
    List<SweepSpec.Point> points = SPEC.points();
    List<PointResult> results = List.of(ok(points.get(0), 100, 1.5, Map.of("x", 3L)),
        ok(points.get(1), 1000, 99, Map.of("x", 100L)), ok(points.get(2), 250, 4.5, Map.of("x", 4L, "y", 1L)));
    List<NetworkTotal> totals = NetworkTotal.of(SPEC, results);
    // Network a on rows=2 only: network b has no point, and rows=4 none either.
    assertEquals(1, totals.size());
    NetworkTotal a = totals.get(0);
    assertEquals("rows=2@a", a.key());
    assertEquals(2, a.layers());
    assertEquals(2 * 3 * 4 + 5 * 6 * 7, a.macs());
    assertEquals(350, a.cycles());
    assertEquals(35, a.scaleSimCycles());
    assertEquals(6.0 * 4, a.energy().totalPj(), 1e-9);
    assertEquals(1.5 + 4.5, a.energy().macPj(), 1e-9);
    assertEquals(24.0 / 234, a.energy().picojoulesPerMac(), 1e-12);
    assertEquals(2.0 * 234 / 24.0, a.energy().topsPerWatt(), 1e-12);
    assertEquals(Map.of("x", 7L, "y", 1L), a.counters());
  }

  @Test
  void aNetworkWithAFailedOrMissingLayerHasNoTotal() {
    List<SweepSpec.Point> points = SPEC.points();
    PointResult failed = new PointResult(points.get(2).key(), Map.of("rows", "2"), "a.l2", 5, 6, 7, null, null,
        "run failed", new PointResult.Timing(0, 0, 0));
    assertEquals(List.of(), NetworkTotal.of(SPEC, List.of(ok(points.get(0), 100, 1, Map.of()), failed)));
    assertEquals(List.of(), NetworkTotal.of(SPEC, List.of(ok(points.get(0), 100, 1, Map.of()))));
  }

  @Test
  void theCsvEndsWithTheTotalRow() {
    List<SweepSpec.Point> points = SPEC.points();
    String csv = ResultsCsv.format(SPEC, List.of(ok(points.get(0), 100, 1.5, Map.of()),
        ok(points.get(2), 250, 4.5, Map.of())));
    List<String> lines = csv.lines().toList();
    assertEquals(4, lines.size());
    // 24 pJ over 234 MACs is 0.1025641... pJ per MAC; 2 x 234 operations per 24 pJ is 19.5 TOPS/W, per the
    // 18 pJ without DRAM 26; 234 MACs per 140 DRAM bytes; 468 operations in 350 cycles at 500 MHz are
    // 0.668571 GOPS; no area: its 13 columns and the error are empty.
    assertEquals("rows=2@a,2,a,,,,234,total,,350,35,315,,,true,20,40,60,80,1.67143,10,,6,6,6,6,24,0.102564,19.5,26,"
        + "0.668571" + ",".repeat(14), lines.get(3));
  }

  /** Every energy part {@code pj}, the closed form a tenth of the cycles, 10/20/30/40 bytes, 5 roofline cycles. */
  private static PointResult ok(SweepSpec.Point point, long cycles, double pj, Map<String, Long> counters) {
    SweepSpec.Gemm gemm = point.workload();
    PointResult.EnergyFigures energy = new PointResult.EnergyFigures(pj, pj, pj, pj, 4 * pj, 0, 0, 0);
    PointResult.Traffic traffic = new PointResult.Traffic(10, 20, 30, 40, 0.5, 5, "compute");
    PointResult.Measurement measurement = new PointResult.Measurement("ws", cycles, cycles / 10,
        cycles - cycles / 10, 0.5, 0.75, true, traffic, energy, counters);
    return new PointResult(point.key(), point.configuration().parameters(), gemm.name(), gemm.m(), gemm.n(),
        gemm.k(), null, measurement, null, new PointResult.Timing(0, 0, 0));
  }
}
