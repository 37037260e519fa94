/** Runs the external HDL tools (Verilator, Icarus Verilog, Yosys) on emitted output. */
package dev.serrano.hdl.tools;
