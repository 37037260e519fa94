package dev.serrano.testbench.build;

import java.util.List;

/**
 * How hard the C++ compiler works on a simulation library: build time against simulation speed.
 * Each profile is its own cache entry (its levels are in the key) with its own runtime objects.
 */
public enum BuildProfile {
  /** The default: optimised model code, for long runs and every measured figure. */
  FAST_SIMULATION(List.of("OPT_FAST=-O2", "OPT_SLOW=-O1", "OPT_GLOBAL=-O2")),
  /**
   * Unoptimised model code: a 16 x 16 PE array builds in 7.6 s instead of 12.6 s, for checks that
   * build many designs and run each for a few thousand cycles (generator fuzzing, the resize matrix).
   */
  FAST_BUILD(List.of("OPT_FAST=-O0", "OPT_SLOW=-O0", "OPT_GLOBAL=-O0"));

  private final List<String> makeFlags;

  BuildProfile(List<String> makeFlags) {
    this.makeFlags = makeFlags;
  }

  /** Verilator 5.006 appends OPT_FAST=-Os after user CFLAGS, so the levels go to make directly. */
  List<String> makeFlags() {
    return makeFlags;
  }
}
