package dev.serrano.testbench.trace;

import java.util.List;

/**
 * One recorded run: the steps a test bench took, in order, and the cycle count at its end.
 *
 * @param top the design's top module (its RTL and interface JSON are in the trace folder's {@code rtl/})
 * @param steps what happened, in order
 * @param cycles cycles completed when the recording ended
 */
public record Trace(String top, List<Step> steps, long cycles) {

  /** The format name and version written into {@code trace.json}. */
  public static final String FORMAT = "serrano-trace/1";

  public Trace {
    steps = List.copyOf(steps);
  }

  /** One thing the test bench did. */
  public sealed interface Step permits Reset, Cycles, Configure, Load, Submit, Run, Check {}

  /** The reset port was set to {@code value} (the port's level: 1 asserts an active-high reset). */
  public record Reset(long value) implements Step {}

  /** {@code count} clock cycles were run with nothing queued on the buses. */
  public record Cycles(long count) implements Step {}

  /** A bus model's configuration changed (before the next cycle). */
  public record Configure(String bus, BusSetting setting, long a, long b, long c) implements Step {}

  /** {@code data} was written into the memory of AXI4 bus {@code bus} from {@code address} on. */
  public record Load(String bus, long address, byte[] data) implements Step {}

  /** Operations were queued on the AXI4-Lite master of bus {@code bus}. */
  public record Submit(String bus, List<LiteOperation> operations) implements Step {
    public Submit {
      operations = List.copyOf(operations);
    }
  }

  /** Cycles were run until the AXI4-Lite master of bus {@code bus} was idle, at most {@code maxCycles}. */
  public record Run(String bus, long maxCycles) implements Step {}

  /**
   * The memory of AXI4 bus {@code bus} held bytes with SHA-256 {@code sha256} from {@code address}
   * for {@code length} bytes at this point.
   */
  public record Check(String bus, long address, int length, String sha256) implements Step {}

  /** One AXI4-Lite operation: its kind, arguments and the result recorded (null if it never completed). */
  public record LiteOperation(Kind kind, long address, long data, long strobesOrMask, long maxCycles,
      LiteResult expected) {
    public enum Kind { WRITE, READ, POLL }
  }

  /**
   * A completed AXI4-Lite operation: the value read (the last one for a poll, 0 for a write), the
   * response code (0 OKAY), whether a poll matched, and the cycle it completed at.
   */
  public record LiteResult(long value, int response, boolean matched, long cycle) {}
}
