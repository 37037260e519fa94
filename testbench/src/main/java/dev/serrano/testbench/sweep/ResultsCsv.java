package dev.serrano.testbench.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A sweep's results as CSV (RFC 4180), one row per point in the given order: the point, each swept
 * parameter in the spec's order (empty where a grid leaves it at its default), the shape, the
 * measurement, traffic and roofline, energy, throughput, area, every counter (by name), the error;
 * then one row per {@link NetworkTotal} (status {@code total}, workload = the network, no shape,
 * utilization or roofline bound). Wall-clock times are left out, so the same points always give the
 * same bytes. A failed point has empty measurement cells (its area, when sized, is kept).
 */
final class ResultsCsv {
  /** One row's view: a point's or a network total's figures, whichever the row is. */
  private record Row(PointResult.Measurement measurement, long macs, long cycles, long scaleSimCycles,
      boolean exact, Area area, PointResult.Traffic traffic, PointResult.EnergyFigures energy) {}

  private record Column(String name, Function<Row, Object> value) {}

  /** A column read from the configuration's area alone, so failed points show it too. */
  private record AreaColumn(String name, Function<Area, Object> value) {
    String cell(Area area) {
      return area == null ? "" : ResultsCsv.cell(value.apply(area));
    }
  }

  private static final List<AreaColumn> AREA_COLUMNS = List.of(
      new AreaColumn("generic_cells", Area::genericCells),
      new AreaColumn("sram_bits", Area::sramBits),
      new AreaColumn("ice40_lut", a -> resource(a.ice40(), Area.Resources::lut)),
      new AreaColumn("ice40_ff", a -> resource(a.ice40(), Area.Resources::ff)),
      new AreaColumn("ice40_carry", a -> resource(a.ice40(), Area.Resources::carry)),
      new AreaColumn("ice40_dsp", a -> resource(a.ice40(), Area.Resources::dsp)),
      new AreaColumn("ice40_bram", a -> resource(a.ice40(), Area.Resources::bram)),
      new AreaColumn("xilinx_lut", a -> resource(a.xilinx(), Area.Resources::lut)),
      new AreaColumn("xilinx_ff", a -> resource(a.xilinx(), Area.Resources::ff)),
      new AreaColumn("xilinx_carry", a -> resource(a.xilinx(), Area.Resources::carry)),
      new AreaColumn("xilinx_dsp", a -> resource(a.xilinx(), Area.Resources::dsp)),
      new AreaColumn("xilinx_bram", a -> resource(a.xilinx(), Area.Resources::bram)));

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

  /** Giga-operations per second at {@code clockMhz}: 2 operations per useful MAC. */
  static double gops(long macs, long cycles, double clockMhz) {
    return 2.0 * macs * clockMhz * 1e6 / cycles / 1e9;
  }

  private static List<Column> columns(double clockMhz) {
    return List.of(
        new Column("array_dataflow", r -> r.measurement() == null ? null : r.measurement().dataflow()),
        new Column("cycles", Row::cycles),
        new Column("scalesim_cycles", Row::scaleSimCycles),
        new Column("cycles_minus_scalesim", r -> r.cycles() - r.scaleSimCycles()),
        new Column("pe_utilization", r -> r.measurement() == null ? null : r.measurement().peUtilization()),
        new Column("mapping_utilization", r -> r.measurement() == null ? null
            : r.measurement().mappingUtilization()),
        new Column("exact", Row::exact),
        new Column("sram_read_bytes", r -> r.traffic().sramReadBytes()),
        new Column("sram_write_bytes", r -> r.traffic().sramWriteBytes()),
        new Column("dram_read_bytes", r -> r.traffic().dramReadBytes()),
        new Column("dram_write_bytes", r -> r.traffic().dramWriteBytes()),
        new Column("arithmetic_intensity", r -> r.traffic().arithmeticIntensity()),
        new Column("roofline_cycles", r -> r.traffic().rooflineCycles()),
        new Column("roofline_bound", r -> r.traffic().bound()),
        new Column("mac_pj", r -> r.energy().macPj()),
        new Column("scratchpad_pj", r -> r.energy().scratchpadPj()),
        new Column("accumulator_pj", r -> r.energy().accumulatorPj()),
        new Column("dram_pj", r -> r.energy().dramPj()),
        new Column("total_pj", r -> r.energy().totalPj()),
        new Column("pj_per_mac", r -> r.energy().picojoulesPerMac()),
        new Column("tops_per_watt", r -> r.energy().topsPerWatt()),
        new Column("pe_sram_tops_per_watt", r -> r.energy().peSramTopsPerWatt()),
        new Column("gops", r -> gops(r.macs(), r.cycles(), clockMhz)),
        new Column("gops_per_kcell", r -> r.area() == null || r.area().genericCells() == null ? null
            : gops(r.macs(), r.cycles(), clockMhz) / (r.area().genericCells() / 1000.0)));
  }

  private static Object resource(Area.Resources resources, Function<Area.Resources, Long> kind) {
    return resources == null ? null : kind.apply(resources);
  }

  static String format(SweepSpec spec, List<PointResult> results) {
    List<Column> columns = columns(spec.clockMhz());
    Set<String> counters = new TreeSet<>();
    results.stream().filter(r -> !r.failed()).forEach(r -> counters.addAll(r.measurement().counters().keySet()));
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(spec.parameterNames());
    header.addAll(List.of("workload", "m", "n", "k", "macs", "status"));
    columns.forEach(column -> header.add(column.name()));
    AREA_COLUMNS.forEach(column -> header.add(column.name()));
    counters.forEach(counter -> header.add("counter_" + counter));
    header.add("error");
    StringBuilder csv = new StringBuilder();
    csv.append(line(header));
    for (PointResult result : results) {
      List<String> cells = new ArrayList<>(List.of(result.key()));
      spec.parameterNames().forEach(name -> cells.add(result.parameters().getOrDefault(name, "")));
      long macs = (long) result.m() * result.n() * result.k();
      cells.addAll(List.of(result.workload(), "" + result.m(), "" + result.n(), "" + result.k(), "" + macs,
          result.failed() ? "failed" : "ok"));
      PointResult.Measurement m = result.measurement();
      if (m == null) {
        columns.forEach(column -> cells.add(""));
        AREA_COLUMNS.forEach(column -> cells.add(column.cell(result.area())));
        counters.forEach(counter -> cells.add(""));
        cells.add(result.error());
      } else {
        Row row = new Row(m, macs, m.cycles(), m.scaleSimCycles(), m.exact(), result.area(), m.traffic(), m.energy());
        columns.forEach(column -> cells.add(cell(column.value().apply(row))));
        AREA_COLUMNS.forEach(column -> cells.add(column.cell(result.area())));
        counters.forEach(counter -> cells.add(m.counters().containsKey(counter) ? "" + m.counters().get(counter)
            : ""));
        cells.add("");
      }
      csv.append(line(cells));
    }
    for (NetworkTotal total : NetworkTotal.of(spec, results)) {
      List<String> cells = new ArrayList<>(List.of(total.key()));
      spec.parameterNames().forEach(name -> cells.add(total.parameters().getOrDefault(name, "")));
      cells.addAll(List.of(total.network(), "", "", "", "" + total.macs(), "total"));
      Row row = new Row(null, total.macs(), total.cycles(), total.scaleSimCycles(), total.exact(), total.area(),
          total.traffic(), total.energy());
      columns.forEach(column -> cells.add(cell(column.value().apply(row))));
      AREA_COLUMNS.forEach(column -> cells.add(column.cell(total.area())));
      counters.forEach(counter -> cells.add(total.counters().containsKey(counter)
          ? "" + total.counters().get(counter) : ""));
      cells.add("");
      csv.append(line(cells));
    }
    return csv.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return number(d);
    }
    return value.toString();
  }

  private static String line(List<String> cells) {
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
