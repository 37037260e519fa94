package dev.serrano.testbench.sim;

import java.nio.ByteBuffer;

/**
 * Sees everything a test bench does to a {@link Simulation} that changes what it computes, in call
 * order, each call before the native model acts on it: what a recorder needs to replay a run
 * elsewhere (the workspace's {@code replay} tape, {@code dev.serrano.testbench.trace} traces).
 * Register one with {@link Simulation#listen}; every method does nothing unless overridden.
 */
public interface SimulationListener {

  /** An input port was written (its new value is in {@code port}). */
  default void write(Port port) {}

  /** {@code words} words of a design memory from {@code firstWord} on, as 32-bit chunks at the start of {@code chunks}. */
  default void writeMemory(Memory memory, long firstWord, int words, ByteBuffer chunks) {}

  /** Bus {@code bus} (JSON order) got configuration {@code key} (serrano_abi.h) with its arguments. */
  default void configureBus(int bus, int key, long a, long b, long c) {}

  /** The remaining bytes of {@code data} go into the memory of bus {@code bus} from byte {@code offset} of it. */
  default void writeBus(int bus, long offset, ByteBuffer data) {}

  /** One AXI4-Lite operation queued on bus {@code bus}, as lite_submit takes it (kind, address, two arguments). */
  default void liteSubmit(int bus, long kind, long address, long a, long b) {}

  /** Cycles run until bus {@code bus}'s AXI4-Lite master is idle, at most {@code maxCycles}. */
  default void liteRun(int bus, long maxCycles) {}

  /** {@code count} completed operations of bus {@code bus} collected, two longs each in {@code results} (after the call). */
  default void liteResults(int bus, long[] results, int count) {}

  default void eval() {}

  default void step(long cycles) {}

  default void runUntil(Condition condition, long maxCycles) {}

  /** The simulation is about to close; its ports and memories are still readable. */
  default void closing() {}
}
