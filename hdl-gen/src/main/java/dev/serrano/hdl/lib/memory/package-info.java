/**
 * On-chip memories of the accelerator: {@link dev.serrano.hdl.lib.memory.BankedMemory}, the banked
 * block-RAM store behind both the scratchpad (plain rows) and the accumulator (rows of lanes that
 * writes may add to), with its per-bank round-robin arbitration.
 */
package dev.serrano.hdl.lib.memory;
