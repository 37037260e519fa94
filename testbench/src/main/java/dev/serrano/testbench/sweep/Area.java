package dev.serrano.testbench.sweep;

/**
 * A configuration's size after Yosys synthesis, one figure set per flow the sweep asked for (null for
 * a flow it did not), plus its on-chip SRAM, which Yosys does not size: memories are kept as memories
 * in the generic count (an ASIC flow puts SRAM macros there) and become block RAM in the FPGA flows.
 *
 * @param genericCells Yosys generic gates and flip-flops of the logic, memories left out; null when
 *     not synthesized
 * @param ice40 iCE40 ({@code synth_ice40 -dsp}) resources; null when not synthesized
 * @param xilinx Xilinx 7-series ({@code synth_xilinx}) resources; null when not synthesized
 * @param sramBits bits of the scratchpad and accumulator banks (the configuration's, not Yosys's)
 */
public record Area(Long genericCells, Resources ice40, Resources xilinx, long sramBits) {
  /** The mapped resources of one FPGA flow. */
  public record Resources(long lut, long ff, long carry, long dsp, long bram) {}
}
