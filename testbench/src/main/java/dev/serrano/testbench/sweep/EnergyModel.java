package dev.serrano.testbench.sweep;

import dev.serrano.testbench.accel.AcceleratorShape;

/**
 * Energy of a run: its {@link ActionCounts} times an {@link EnergyTable} (the Accelergy method,
 * energy = sum of count x energy per action), for one accelerator shape.
 *
 * <ul>
 *   <li>MAC: every MAC the array performs costs an 8-bit multiply and a 32-bit add (the partial
 *       sum is int32); each accumulate lane in the accumulator a 32-bit add.
 *   <li>SRAM: bits / 64 x the table's energy per 64 bits for the capacity of one bank, since an
 *       access reads one bank and the bank's size sets its line lengths; writes cost as reads
 *       (Horowitz gives reads only; Timeloop's 45 nm buffer has write/read = 0.81).
 *   <li>DRAM: bytes x 8 / 64 x the table's energy per 64 bits.
 * </ul>
 *
 * No leakage and no clock tree: the table has none, so energy does not depend on the cycle count.
 */
public record EnergyModel(EnergyTable table, AcceleratorShape shape) {
  /** Energy of {@code counts}, broken down. */
  public Energy energy(ActionCounts counts) {
    double mac = counts.macs() * (table.int8Mult().picojoules() + table.int32Add().picojoules())
        + counts.accumulatorAdds() * table.int32Add().picojoules();
    double scratchpad = (counts.scratchpadReadBits() + counts.scratchpadWriteBits()) / 64.0
        * table.sramPer64Bits(scratchpadBankBytes());
    double accumulator = (counts.accumulatorReadBits() + counts.accumulatorWriteBits()) / 64.0
        * table.sramPer64Bits(accumulatorBankBytes());
    double dram = counts.dramBytes() * 8 / 64.0 * table.dram64Bits().picojoules();
    return new Energy(counts.usefulMacs(), mac, scratchpad, accumulator, dram);
  }

  public long scratchpadBankBytes() {
    return (long) shape.spRowsPerBank() * shape.spRowBytes();
  }

  public long accumulatorBankBytes() {
    return (long) shape.accRowsPerBank() * shape.accRowBytes();
  }
}
