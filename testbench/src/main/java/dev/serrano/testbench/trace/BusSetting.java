package dev.serrano.testbench.trace;

import java.util.Arrays;

/**
 * The configuration keys of the native bus models (serrano_abi.h, {@code bus_configure}) by name,
 * as a trace stores them; arguments a, b and c as the native call takes them.
 */
public enum BusSetting {
  /** AXI4 memory: base a, size b in bytes (the memory restarts at zero). */
  MEMORY(1),
  /** AXI4 memory: edges a from the AR handshake to the first R beat. */
  READ_LATENCY(2),
  /** AXI4 memory: edges a from the last W beat to BVALID. */
  WRITE_LATENCY(3),
  /** AXI4 memory: stall probability b / 2^32 on channel a (0 AR, 1 AW, 2 W, 3 R, 4 B). */
  STALL(4),
  /** Either model: seed a of its random streams. */
  SEED(5),
  /** AXI4 memory: a read and b write bursts outstanding. */
  OUTSTANDING(6),
  /** AXI4 memory: bursts touching [a, b) answer c & 0xff; (c >> 8) 1 reads, 2 writes, 3 both. */
  ERROR_ADD(7),
  /** AXI4 memory: no error ranges. */
  ERROR_CLEAR(8),
  /** Either model: counters to zero. */
  RESET_COUNTERS(9),
  /** AXI4-Lite master: VALID delay probability a / 2^32, READY delay probability b / 2^32. */
  DELAY(10),
  /**
   * AXI4 memory: follows the design's reset, a = 1 asserted (bursts in flight forgotten), 0
   * released. Sent by {@code Simulation.reset}; a trace holds it as its {@link Trace.Reset} steps.
   */
  RESET(11);

  public final int key;

  BusSetting(int key) {
    this.key = key;
  }

  public static BusSetting ofKey(int key) {
    return Arrays.stream(values()).filter(s -> s.key == key).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown bus configuration key " + key));
  }

  /** The name in trace.json, e.g. {@code read_latency}. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static BusSetting ofJsonName(String name) {
    return Arrays.stream(values()).filter(s -> s.jsonName().equals(name)).findFirst()
        .orElseThrow(() -> new TraceFormatException("unknown setting \"" + name + "\"; known: "
            + Arrays.stream(values()).map(BusSetting::jsonName).toList()));
  }
}
