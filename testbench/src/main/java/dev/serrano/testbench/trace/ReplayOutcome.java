package dev.serrano.testbench.trace;

import java.util.List;

/**
 * What a replay of a trace produced, in the trace's terms.
 *
 * @param simulator which simulator ran it, for messages
 * @param results the results of the AXI4-Lite operations, in completion order
 * @param checks the SHA-256 of each checked memory region, in trace order
 * @param cycles cycles completed at the end
 * @param unknownOutputs output ports with X or Z bits right after the reset was released (Icarus only)
 * @param failure why the replay stopped early, or null
 */
public record ReplayOutcome(String simulator, List<Trace.LiteResult> results, List<String> checks, long cycles,
    List<String> unknownOutputs, String failure) {
  public ReplayOutcome {
    results = List.copyOf(results);
    checks = List.copyOf(checks);
    unknownOutputs = List.copyOf(unknownOutputs);
  }
}
