/**
 * Live simulations of built designs, driven from Java: {@link dev.serrano.testbench.sim.Simulation}
 * owns one Verilator model instance; {@link dev.serrano.testbench.sim.Port} reads and writes its
 * ports directly in the model's memory; time advances natively in batches.
 * {@link dev.serrano.testbench.sim.AxiMemoryModel} is the AXI4 slave memory model attached natively
 * to each bus of a design, with its configuration, memory access and counters.
 */
package dev.serrano.testbench.sim;
