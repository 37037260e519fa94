package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;

/**
 * What a program for the accelerator depends on: an {@code arrayRows x arrayCols} (R x C)
 * weight-stationary int8 array, a scratchpad of {@code spBanks x spRowsPerBank} rows of max(R, C)
 * bytes, an accumulator of {@code accBanks x accRowsPerBank} rows of C int32 lanes, an AXI bus of
 * {@code busBytes} bytes per beat. Local row numbers are global (bank in the high bits), so bank b
 * holds rows {@code b * rowsPerBank} to {@code (b + 1) * rowsPerBank - 1}.
 */
public record AcceleratorShape(int arrayRows, int arrayCols, int spBanks, int spRowsPerBank, int accBanks,
    int accRowsPerBank, int busBytes) {
  /** The command word's {@code local} field is 20 bits wide. */
  public static final int MAX_LOCAL_ROWS = 1 << 20;

  public AcceleratorShape {
    ConfigException.requireRange("arrayRows", arrayRows, 1, 256);
    ConfigException.requireRange("arrayCols", arrayCols, 1, 256);
    ConfigException.requireRange("spBanks", spBanks, 1, 64);
    ConfigException.requireRange("spRowsPerBank", spRowsPerBank, 1, MAX_LOCAL_ROWS / spBanks);
    ConfigException.requireRange("accBanks", accBanks, 1, 64);
    ConfigException.requireRange("accRowsPerBank", accRowsPerBank, 1, MAX_LOCAL_ROWS / accBanks);
    ConfigException.requirePowerOfTwo("busBytes", busBytes, 1, 128);
  }

  /** The brief's default: 16 x 16, 256 KiB scratchpad in 4 banks, 64 KiB accumulator in 2, 128-bit bus. */
  public static AcceleratorShape defaults() {
    return new AcceleratorShape(16, 16, 4, 4096, 2, 512, 16);
  }

  public int spRowBytes() {
    return Math.max(arrayRows, arrayCols);
  }

  public int spRows() {
    return spBanks * spRowsPerBank;
  }

  public int accRowBytes() {
    return 4 * arrayCols;
  }

  public int accRows() {
    return accBanks * accRowsPerBank;
  }
}
