/**
 * Turns a {@link dev.serrano.testbench.design.DesignInterface} into a loadable simulation library:
 * generates the C ABI shim, runs Verilator and the C++ compiler, and keeps the results in a
 * content-addressed cache shared by all JVMs of the user.
 */
package dev.serrano.testbench.build;
