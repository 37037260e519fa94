/**
 * The host side of the accelerator and a functional model of it: {@link
 * dev.serrano.testbench.accel.GemmTiler} turns a GEMM into a command program with dependency
 * tokens, {@link dev.serrano.testbench.accel.AcceleratorModel} executes such a program on Java
 * arrays at command level (deadlocks and token overflows included), and {@link
 * dev.serrano.testbench.accel.LayerLowering} turns int8 fully-connected and conv2d layers into
 * GEMMs, checked against the direct-loop {@link dev.serrano.testbench.accel.LayerReference}.
 */
package dev.serrano.testbench.accel;
