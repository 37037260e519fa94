/**
 * Replayable traces (NVDLA's verification idea): {@link dev.serrano.testbench.trace.TraceRecorder}
 * records what a test bench does to a simulation of a design with AXI4-Lite registers and AXI4
 * memory (reset, register writes, reads and polls with the values seen, memory images, cycles) and
 * the expected memory regions; {@link dev.serrano.testbench.trace.TraceFolder} saves it as a
 * folder (JSON, hex memory images and the design's RTL); the same trace replays on Verilator
 * ({@link dev.serrano.testbench.trace.VerilatorReplay}) and under Icarus Verilog through a
 * generated plain Verilog test bench ({@link dev.serrano.testbench.trace.IcarusReplay}), and
 * {@link dev.serrano.testbench.trace.TraceComparison} checks a replay against the recording:
 * every read value and completion cycle, every region's hash, the final cycle. docs/hardening.md,
 * "Replayable traces", has the format.
 */
package dev.serrano.testbench.trace;
