/**
 * Control and status registers: a {@link dev.serrano.hdl.lib.csr.RegisterMap} describes a block's
 * registers and commands once; {@link dev.serrano.hdl.lib.csr.CsrBlock} builds its AXI4-Lite slave
 * and {@link dev.serrano.hdl.lib.csr.RegisterFiles} the C header, Markdown table and interface JSON
 * section written beside the Verilog. docs/host-interface.md describes the whole.
 */
package dev.serrano.hdl.lib.csr;
