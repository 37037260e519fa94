package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.array.ArrayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report plots of one measured point or one network total: a configuration running a
 * workload (a GEMM on its own) or a whole network. Failed points are not plotted and have none.
 *
 * @param key the point's or the total's key, {@code CONFIGURATION@WORKLOAD}
 * @param workload what ran: the GEMM's or the network's name; the plots' series
 * @param rows the array's rows R, from the parameters or the catalog's default
 * @param cols the array's columns C
 * @param macs useful MACs, M N K summed over the layers
 * @param cycles measured cycles
 * @param scaleSimCycles SCALE-Sim's closed form for the dataflow the point ran
 * @param energy picojoules by part
 * @param area the configuration's size after synthesis; null when the results hold none
 * @param variant what sets the configuration apart besides its size: the swept parameters other than
 *     rows and cols ({@code top=pe_array,dataflow=os}); empty when there are none
 */
record ReportPoint(String key, String workload, int rows, int cols, long macs, long cycles, long scaleSimCycles,
    PointResult.EnergyFigures energy, Area area, String variant) {

  static ReportPoint of(PointResult point) {
    PointResult.Measurement m = point.measurement();
    ArrayConfig array = array(point.parameters());
    return new ReportPoint(point.key(), point.workload(), array.rows(), array.cols(),
        (long) point.m() * point.n() * point.k(), m.cycles(), m.scaleSimCycles(), m.energy(), point.area(),
        variant(point.parameters()));
  }

  static ReportPoint of(NetworkTotal total) {
    ArrayConfig array = array(total.parameters());
    return new ReportPoint(total.key(), total.network(), array.rows(), array.cols(), total.macs(), total.cycles(),
        total.scaleSimCycles(), total.energy(), total.area(), variant(total.parameters()));
  }

  /**
   * The series a point belongs to: its workload, and its variant when it has one, so that an array
   * alone in OS and a whole accelerator running the same workload are neither joined nor compared.
   */
  String series() {
    return label(workload, variant);
  }

  static String label(String workload, String variant) {
    return variant.isEmpty() ? workload : workload + " [" + variant + "]";
  }

  private static String variant(Map<String, String> parameters) {
    List<String> parts = new ArrayList<>();
    parameters.forEach((name, value) -> {
      if (!name.equals("rows") && !name.equals("cols")) {
        parts.add(name + "=" + value);
      }
    });
    return String.join(",", parts);
  }

  /** Generic Yosys cells of the logic; null without area or without the generic flow. */
  Long genericCells() {
    return area == null ? null : area.genericCells();
  }

  /** Rows and columns as the catalog reads them: a parameter a grid leaves out takes the catalog's default. */
  private static ArrayConfig array(Map<String, String> parameters) {
    Map<String, String> shape = new LinkedHashMap<>();
    for (String name : new String[] {"rows", "cols"}) {
      if (parameters.containsKey(name)) {
        shape.put(name, parameters.get(name));
      }
    }
    return Catalog.arrayConfig(shape);
  }

  /** MACs per cycle at full use: R x C. */
  int arrayMacs() {
    return rows * cols;
  }

  /** Useful MACs per array MAC slot over the run, as {@link PointResult.Measurement#peUtilization()} defines it. */
  double utilization() {
    return (double) macs / ((double) arrayMacs() * cycles);
  }

  /** Giga-operations per second (2 per MAC) at {@code clockMhz}. */
  double gops(double clockMhz) {
    return ResultsCsv.gops(macs, cycles, clockMhz);
  }

  double topsPerWatt() {
    return energy.topsPerWatt();
  }

  double peSramTopsPerWatt() {
    return energy.peSramTopsPerWatt();
  }

  double picojoulesPerMac() {
    return energy.picojoulesPerMac();
  }
}
