/** Test-bench drivers for the PE array: feed GEMMs through its stream contract and collect the results. */
package dev.serrano.testbench.array;
