package dev.serrano.testbench.sim;

/** The five channels of an AXI4 bus, in the order of the native model's channel numbers. */
public enum AxiChannel {
  AR,
  AW,
  W,
  R,
  B
}
