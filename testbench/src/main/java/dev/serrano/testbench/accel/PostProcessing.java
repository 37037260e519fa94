package dev.serrano.testbench.accel;

/**
 * The post-processing of STORE target 2 as the host sets it (registers {@code pp_*}, made active by
 * CONFIG): per column bias, quantised multiplier and shift; output zero point and clamps.
 */
public record PostProcessing(boolean requantize, int zeroPoint, int clampMin, int clampMax, int[] bias,
    int[] multiplier, int[] shift) {}
