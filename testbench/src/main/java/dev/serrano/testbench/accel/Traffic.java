package dev.serrano.testbench.accel;

/**
 * What a program makes the accelerator do, counted per command: bytes the LOADs read and the
 * STOREs write in main memory, input rows through the array (one per cycle), weight-tile preloads,
 * and MAC slots (R x C per input row, used or not).
 */
public record Traffic(long loadBytes, long storeBytes, long computeRows, long preloads, long macSlots) {}
