/**
 * Live simulations of built designs, driven from Java: {@link dev.serrano.testbench.sim.Simulation}
 * owns one Verilator model instance; {@link dev.serrano.testbench.sim.Port} reads and writes its
 * ports directly in the model's memory; time advances natively in batches.
 */
package dev.serrano.testbench.sim;
