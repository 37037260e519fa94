package dev.serrano.testbench.sweep;

/**
 * A run's energy in picojoules, broken down (MAC, SRAM as scratchpad and accumulator, DRAM), and
 * the figures derived from it. Energy does not depend on the clock (the table has no leakage), so
 * neither does TOPS/W: TOPS/W = (2 x useful MACs x f / cycles) / (energy x f / cycles)
 * = 2 x useful MACs / energy; the clock enters only the average power.
 *
 * @param usefulMacs M x N x K, the MACs the figures are per
 * @param macPj the array's MACs and the accumulator's lane adds
 * @param scratchpadPj scratchpad reads and writes
 * @param accumulatorPj accumulator reads and writes
 * @param dramPj main-memory traffic
 */
public record Energy(long usefulMacs, double macPj, double scratchpadPj, double accumulatorPj, double dramPj) {
  public Energy {
    if (usefulMacs < 1) {
      throw new IllegalArgumentException("usefulMacs must be from 1 to " + Long.MAX_VALUE + ", got " + usefulMacs);
    }
  }

  public double sramPj() {
    return scratchpadPj + accumulatorPj;
  }

  public double totalPj() {
    return macPj + sramPj() + dramPj;
  }

  /** All-in energy per useful MAC. */
  public double picojoulesPerMac() {
    return totalPj() / usefulMacs;
  }

  /** System efficiency, DRAM included; 2 operations per useful MAC. */
  public double topsPerWatt() {
    return 2.0 * usefulMacs / totalPj();
  }

  /** Efficiency of the PEs and on-chip SRAM only (DRAM left out), the figure chips quote. */
  public double peSramTopsPerWatt() {
    return 2.0 * usefulMacs / (macPj + sramPj());
  }

  /** Average power over a run of {@code cycles} at {@code clockMhz}, in watts. */
  public double averageWatts(long cycles, double clockMhz) {
    if (cycles < 1) {
      throw new IllegalArgumentException("cycles must be from 1 to " + Long.MAX_VALUE + ", got " + cycles);
    }
    if (!(clockMhz > 0 && clockMhz <= 1e6)) {
      throw new IllegalArgumentException("clockMhz must be above 0 and at most 1e6, got " + clockMhz);
    }
    double seconds = cycles / (clockMhz * 1e6);
    return totalPj() * 1e-12 / seconds;
  }
}
