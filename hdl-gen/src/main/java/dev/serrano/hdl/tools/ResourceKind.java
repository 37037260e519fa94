package dev.serrano.hdl.tools;

/** What a mapped cell is, across vendors: the columns of a resource table. */
public enum ResourceKind {
  /** Look-up tables used as logic (SB_LUT4, LUT1..LUT6, LUT4). */
  LUT,
  /** Flip-flops and latches. */
  FF,
  /** Carry-chain cells (SB_CARRY, CARRY4, CCU2C). */
  CARRY,
  /** Multiplier/DSP blocks (SB_MAC16, DSP48E1, MULT18X18D, ALU54B). */
  DSP,
  /** Block RAM (SB_RAM40_4K, RAMB18E1, RAMB36E1, DP16KD). */
  BRAM,
  /** LUTs used as memory or shift registers (RAM32M, SRL16E, TRELLIS_DPR16X4). */
  LUTRAM,
  /** Anything else: generic gates, wide multiplexers, I/O buffers. */
  OTHER
}
