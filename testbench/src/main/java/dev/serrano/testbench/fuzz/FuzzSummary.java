package dev.serrano.testbench.fuzz;

import java.util.List;

/** The closing lines of a run: cases per top, passed and failed, GEMMs, time, and every failure's replay. */
final class FuzzSummary {
  private FuzzSummary() {}

  static String of(List<CaseRunner.Outcome> outcomes, double wallSeconds) {
    StringBuilder text = new StringBuilder();
    long failed = outcomes.stream().filter(o -> !o.passed()).count();
    double replaySeconds = outcomes.stream().mapToDouble(CaseRunner.Outcome::replaySeconds).sum();
    text.append(String.format("fuzz: %d cases (%s), %d passed, %d failed; %d GEMMs; wall %.0f s (generate and"
            + " lint %.0f s, build %.0f s, GEMMs %.0f s%s summed over cases)", outcomes.size(), perTop(outcomes),
        outcomes.size() - failed, failed, outcomes.stream().mapToInt(CaseRunner.Outcome::gemms).sum(), wallSeconds,
        outcomes.stream().mapToDouble(CaseRunner.Outcome::lintSeconds).sum(),
        outcomes.stream().mapToDouble(CaseRunner.Outcome::buildSeconds).sum(),
        outcomes.stream().mapToDouble(CaseRunner.Outcome::runSeconds).sum(),
        replaySeconds > 0 ? String.format(", Icarus replays %.0f s", replaySeconds) : ""));
    for (CaseRunner.Outcome outcome : outcomes) {
      if (!outcome.passed()) {
        text.append("\n  failed [").append(outcome.failure().stage()).append("]: ")
            .append(outcome.replayCommand());
      }
    }
    return text.toString();
  }

  private static String perTop(List<CaseRunner.Outcome> outcomes) {
    long accelerators = outcomes.stream().filter(o -> o.fuzzCase().top().equals(FuzzCase.ACCELERATOR)).count();
    return accelerators + " accelerator, " + (outcomes.size() - accelerators) + " pe_array";
  }
}
