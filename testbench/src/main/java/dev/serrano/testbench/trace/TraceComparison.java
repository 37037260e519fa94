package dev.serrano.testbench.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a replay with its trace: every AXI4-Lite result (value, response, poll match and
 * completion cycle), every checked region's hash, the final cycle count, and no unknown output
 * after reset. An empty list means the replay reproduced the recording exactly.
 */
public final class TraceComparison {
  private static final int MAX_REPORTED = 10;

  private TraceComparison() {}

  public static List<String> differences(Trace trace, ReplayOutcome outcome) {
    List<String> differences = new ArrayList<>();
    String who = outcome.simulator() + ": ";
    if (outcome.failure() != null) {
      differences.add(who + "replay stopped: " + outcome.failure());
    }
    for (String port : outcome.unknownOutputs()) {
      differences.add(who + "output " + port + " is not known (X or Z) after the reset is released");
    }
    List<Trace.LiteResult> expected = new ArrayList<>();
    List<Trace.LiteOperation> operations = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    for (Trace.Step step : trace.steps()) {
      if (step instanceof Trace.Submit submit) {
        for (Trace.LiteOperation operation : submit.operations()) {
          if (operation.expected() != null) {
            expected.add(operation.expected());
            operations.add(operation);
          }
        }
      } else if (step instanceof Trace.Check check) {
        checks.add(check.sha256());
      }
    }
    int results = Math.min(expected.size(), outcome.results().size());
    for (int i = 0; i < results && differences.size() < MAX_REPORTED; i++) {
      if (!expected.get(i).equals(outcome.results().get(i))) {
        Trace.LiteOperation operation = operations.get(i);
        differences.add(who + "AXI4-Lite operation " + i + " (" + operation.kind().name().toLowerCase() + " of 0x"
            + Long.toHexString(operation.address()) + "): recorded " + expected.get(i) + ", replayed "
            + outcome.results().get(i));
      }
    }
    if (expected.size() != outcome.results().size()) {
      differences.add(who + expected.size() + " AXI4-Lite operations completed in the recording, "
          + outcome.results().size() + " in the replay");
    }
    for (int i = 0; i < Math.min(checks.size(), outcome.checks().size()); i++) {
      if (!checks.get(i).equals(outcome.checks().get(i))) {
        differences.add(who + "memory check " + i + ": recorded SHA-256 " + checks.get(i) + ", replayed "
            + outcome.checks().get(i));
      }
    }
    if (checks.size() != outcome.checks().size()) {
      differences.add(who + checks.size() + " memory checks recorded, " + outcome.checks().size() + " replayed");
    }
    if (trace.cycles() != outcome.cycles()) {
      differences.add(who + "the recording ended at cycle " + trace.cycles() + ", the replay at " + outcome.cycles());
    }
    return differences;
  }
}
