/**
 * Emitters: Verilog-2005 (one module per file), the bottom-up file list, and the interface JSON that
 * the test bench, the C header and the docs read. Output depends only on the design: no dates, no
 * paths, no hash order.
 */
package dev.serrano.hdl.emit;
