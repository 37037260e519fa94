package dev.serrano.hdl.emit;

import java.util.Locale;

/**
 * The clock frequency each flow's constraints ask for. It goes into the constraint files only: the
 * Verilog does not depend on it. The defaults: 500 MHz for ASIC flows (the accelerator's stated
 * design point), 250 MHz for Xilinx 7-series (a -1 speed grade DSP48E1 with its P register),
 * 24 MHz for iCE40 UltraPlus.
 */
public record ClockTargets(double asicMhz, double xilinxMhz, double ice40Mhz) {
  public static final ClockTargets DEFAULTS = new ClockTargets(500, 250, 24);
  static final double MIN_MHZ = 1;
  static final double MAX_MHZ = 2000;

  public ClockTargets {
    check(asicMhz);
    check(xilinxMhz);
    check(ice40Mhz);
  }

  /** One frequency for every flow (serrano generate --clock-mhz). */
  public static ClockTargets all(double mhz) {
    return new ClockTargets(mhz, mhz, mhz);
  }

  private static void check(double mhz) {
    if (!(mhz >= MIN_MHZ && mhz <= MAX_MHZ)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "clock-mhz must be from %.0f to %.0f, got %s", MIN_MHZ, MAX_MHZ,
          Double.isFinite(mhz) ? format(mhz) : Double.toString(mhz)));
    }
  }

  /** A frequency as written in the files: no trailing zeros (500, 62.5). */
  static String format(double mhz) {
    return new java.math.BigDecimal(Double.toString(mhz)).stripTrailingZeros().toPlainString();
  }

  /** The period in ns with three decimals. */
  static String period(double mhz) {
    return String.format(Locale.ROOT, "%.3f", 1000 / mhz);
  }
}
