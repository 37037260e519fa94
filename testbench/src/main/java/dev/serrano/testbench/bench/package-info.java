/**
 * The simulation benchmark: the same Verilator model driven by a native C++ loop, by batched
 * Java steps and by a per-cycle Java callback test bench, side by side in one run, plus build and
 * cache timings. Run it with {@code scripts/bench-sim}; results go into docs/simulation.md.
 */
package dev.serrano.testbench.bench;
