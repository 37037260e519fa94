package dev.serrano.testbench.design;

/** The reset port of a design and its polarity. */
public record ResetSpec(String port, boolean activeLow, boolean synchronous) {}
