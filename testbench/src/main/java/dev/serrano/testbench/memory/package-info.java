/** Driving a generated banked memory (scratchpad, accumulator) cycle by cycle against its model. */
package dev.serrano.testbench.memory;
