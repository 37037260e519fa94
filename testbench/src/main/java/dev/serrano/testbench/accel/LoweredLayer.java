package dev.serrano.testbench.accel;

/**
 * A layer as a GEMM: {@code a} M x K and {@code b} K x N, int8 row-major, and the int8 output
 * stage; the GEMM's C (M x N) is the layer's output in its natural layout (NHWC for conv2d).
 */
public record LoweredLayer(int m, int n, int k, byte[] a, byte[] b, Requantization output) {}
