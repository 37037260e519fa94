package dev.serrano.testbench.sweep;

import java.util.List;

/**
 * Energy per action, each value with its source: what {@link EnergyModel} multiplies the action
 * counts by. {@link EnergyTableFile} reads one from JSON; {@link #horowitz45nm()} is the shipped
 * default.
 *
 * <p>SRAM energy depends on the capacity of the array an access reads (longer word and bit lines).
 * The table gives a few size classes; between two classes the energy follows the straight line
 * between them on log-log axes, and past the first or last class the line of the nearest segment
 * is extended. Why log-log: Horowitz's three classes (8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ) lie
 * close to energy proportional to the square root of the capacity (exponents 0.50 and 0.46), the
 * wire-length law, which the log-log line follows; picking the nearest class would instead jump by
 * up to 2.2x at a class boundary (a 256 KiB bank would cost as much as 1 MB).
 *
 * @param name what the table is, e.g. {@code horowitz-45nm}
 * @param int8Add an 8-bit integer add; not charged, since the int8 x int8 -> int32 datapath adds
 *     at 32 bits, but part of the source's table and of the file format
 * @param int8Mult an 8-bit integer multiply, the product of one MAC
 * @param int32Add a 32-bit integer add: the sum of one MAC, and one lane of an accumulate
 * @param sramRead64Bits SRAM energy per 64 bits read, by capacity, capacities strictly increasing
 * @param dram64Bits DRAM energy per 64 bits moved, read or written
 */
public record EnergyTable(String name, Cost int8Add, Cost int8Mult, Cost int32Add, List<SramClass> sramRead64Bits,
    Cost dram64Bits) {
  /** Resource of the default table. */
  public static final String HOROWITZ_45NM = "horowitz-45nm.json";

  /** Energy of one action in picojoules, and where the number comes from. */
  public record Cost(double picojoules, String source) {
    public Cost {
      requirePositive("picojoules", picojoules);
      requireSource(source);
    }
  }

  /** Energy per 64 bits read from an SRAM of {@code capacityBytes}, and where the number comes from. */
  public record SramClass(long capacityBytes, double picojoules, String source) {
    public SramClass {
      if (capacityBytes < 1) {
        throw new IllegalArgumentException("capacityBytes must be from 1 to " + Long.MAX_VALUE + ", got "
            + capacityBytes);
      }
      requirePositive("picojoules", picojoules);
      requireSource(source);
    }
  }

  public EnergyTable {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be a non-empty string");
    }
    sramRead64Bits = List.copyOf(sramRead64Bits);
    if (sramRead64Bits.size() < 2) {
      throw new IllegalArgumentException("sramRead64Bits must hold at least 2 size classes (a line needs two"
          + " points), got " + sramRead64Bits.size());
    }
    for (int i = 1; i < sramRead64Bits.size(); i++) {
      if (sramRead64Bits.get(i).capacityBytes() <= sramRead64Bits.get(i - 1).capacityBytes()) {
        throw new IllegalArgumentException("sramRead64Bits capacities must increase strictly, got "
            + sramRead64Bits.get(i - 1).capacityBytes() + " then " + sramRead64Bits.get(i).capacityBytes());
      }
    }
  }

  /** The shipped default: Horowitz, ISSCC 2014, 45 nm, DRAM at 1.3 nJ per 64 bits. */
  public static EnergyTable horowitz45nm() {
    return EnergyTableFile.resource(HOROWITZ_45NM);
  }

  /** Picojoules per 64 bits read from an SRAM array of {@code capacityBytes} (log-log interpolation). */
  public double sramPer64Bits(long capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacityBytes must be from 1 to " + Long.MAX_VALUE + ", got "
          + capacityBytes);
    }
    int upper = 1;
    while (upper < sramRead64Bits.size() - 1 && sramRead64Bits.get(upper).capacityBytes() < capacityBytes) {
      upper++;
    }
    SramClass low = sramRead64Bits.get(upper - 1);
    SramClass high = sramRead64Bits.get(upper);
    double slope = Math.log(high.picojoules() / low.picojoules())
        / Math.log((double) high.capacityBytes() / low.capacityBytes());
    return low.picojoules() * Math.pow((double) capacityBytes / low.capacityBytes(), slope);
  }

  private static void requirePositive(String parameter, double value) {
    if (!(value > 0 && value <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException(parameter + " must be a finite number above 0, got " + value);
    }
  }

  private static void requireSource(String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must name where the value comes from, got an empty string");
    }
  }
}
