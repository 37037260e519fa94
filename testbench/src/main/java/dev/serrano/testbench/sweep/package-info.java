/**
 * Design-space sweeps (issue #7). The command: {@link dev.serrano.testbench.sweep.SweepCommand}
 * ({@code scripts/sweep run|merge}). The runner: a {@link dev.serrano.testbench.sweep.SweepSpec} (grids
 * of catalog parameters times GEMMs, SCALE-Sim topology files and shipped networks read by {@link
 * dev.serrano.testbench.sweep.TopologyCsv}, totalled per network by {@link
 * dev.serrano.testbench.sweep.NetworkTotal}) run by {@link dev.serrano.testbench.sweep.SweepRunner} into a
 * {@link dev.serrano.testbench.sweep.SweepFolder} (one file per finished point, resumable, sharded,
 * merged; results.csv and results.json). The energy model: an editable per-action energy table
 * ({@link dev.serrano.testbench.sweep.EnergyTable}, default Horowitz 45 nm, shipped as a JSON
 * resource with its sources), the action counts of a run derived from the accelerator's counters
 * ({@link dev.serrano.testbench.sweep.ActionCounts}), their energy ({@link
 * dev.serrano.testbench.sweep.EnergyModel}) and the roofline ({@link
 * dev.serrano.testbench.sweep.Roofline}). See docs/sweeps.md.
 */
package dev.serrano.testbench.sweep;
