/**
 * The interface JSON that hdl-gen writes beside the Verilog of each top ({@code <top>.json},
 * format {@code serrano-interface/1}), read into records the simulation bridge works from.
 */
package dev.serrano.testbench.design;
