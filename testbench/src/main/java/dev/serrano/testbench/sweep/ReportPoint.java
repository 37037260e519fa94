package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.array.ArrayConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report plots of one measured point or one network total: a configuration running a
 * workload (a GEMM on its own) or a whole network. Failed points are not plotted and have none.
 *
 * @param key the point's or the total's key, {@code CONFIGURATION@WORKLOAD}
 * @param workload what ran: the GEMM's or the network's name; the plots' series
 * @param configuration the configuration's name, as in the key
 * @param rows the array's rows R, from the parameters or the catalog's default
 * @param cols the array's columns C
 * @param macs useful MACs, M N K summed over the layers
 * @param cycles measured cycles
 * @param scaleSimWsCycles SCALE-Sim's closed form
 * @param energy picojoules by part
 * @param genericCells area as generic Yosys cells; null when the results hold no area
 */
record ReportPoint(String key, String workload, String configuration, int rows, int cols, long macs, long cycles,
    long scaleSimWsCycles, PointResult.EnergyFigures energy, Long genericCells) {

  static ReportPoint of(PointResult point) {
    PointResult.Measurement m = point.measurement();
    ArrayConfig array = array(point.parameters());
    return new ReportPoint(point.key(), point.workload(), configuration(point.key()), array.rows(), array.cols(),
        (long) point.m() * point.n() * point.k(), m.cycles(), m.scaleSimWsCycles(), m.energy(), genericCells(point));
  }

  /** A network total; its area is its configuration's, taken from {@code areaByConfiguration}. */
  static ReportPoint of(NetworkTotal total, Map<String, Long> areaByConfiguration) {
    ArrayConfig array = array(total.parameters());
    String configuration = configuration(total.key());
    return new ReportPoint(total.key(), total.network(), configuration, array.rows(), array.cols(), total.macs(),
        total.cycles(), total.scaleSimWsCycles(), total.energy(), areaByConfiguration.get(configuration));
  }

  /** The point's area in generic cells, or null when it has none. */
  static Long genericCells(PointResult point) {
    return null;
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

  private static String configuration(String key) {
    return key.substring(0, key.lastIndexOf('@'));
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
    return 2.0 * macs / cycles * clockMhz / 1000.0;
  }

  double topsPerWatt() {
    return energy.topsPerWatt();
  }

  /** Efficiency of the PEs and on-chip SRAM only (DRAM left out), as {@link Energy#peSramTopsPerWatt()}. */
  double peSramTopsPerWatt() {
    return 2.0 * macs / (energy.macPj() + energy.scratchpadPj() + energy.accumulatorPj());
  }

  double picojoulesPerMac() {
    return energy.picojoulesPerMac();
  }
}
