package dev.serrano.testbench.sweep;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A published range an energy figure of a 45 nm int8 design should fall in
 * (shared/reference/models.md 5.2 item 4). A figure far outside usually means a units error; the
 * report flags each point against each range and hides none.
 *
 * @param quantity what is checked, with its unit
 * @param low the range's lower end, inclusive
 * @param high its upper end, inclusive
 * @param figure the figure of a point
 */
record EnergySanity(String quantity, double low, double high, ToDoubleFunction<ReportPoint> figure) {
  /** The three ranges of models.md 5.2 item 4 that apply to a whole run. */
  static final List<EnergySanity> RANGES = List.of(
      new EnergySanity("all-in pJ/MAC", 4, 15, ReportPoint::picojoulesPerMac),
      new EnergySanity("system TOPS/W", 0.1, 0.5, ReportPoint::topsPerWatt),
      new EnergySanity("PE+SRAM TOPS/W", 2, 4, ReportPoint::peSramTopsPerWatt));

  boolean holds(ReportPoint point) {
    double value = figure.applyAsDouble(point);
    return value >= low && value <= high;
  }
}
