package dev.serrano.testbench.fuzz;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code scripts/fuzz --faults}: random {@link FaultScenario}s run with {@link FaultRunner},
 * {@code jobs} at a time, each in its own folder under a work folder (kept for a failure). One line
 * per scenario (PASS or FAIL, its text, what was injected and what the host saw) and a closing
 * summary with the counts per fault kind; a failure prints the one command that replays it.
 */
public final class FaultCampaign {
  /** Accelerator configurations per run: a few Verilator builds serve every scenario. */
  public static final int CONFIGURATIONS = 3;

  private final FaultRunner runner = new FaultRunner();
  private final int jobs;
  private final Path workFolder;
  private final PrintStream out;

  public FaultCampaign(int jobs, Path workFolder, PrintStream out) {
    this.jobs = jobs;
    this.workFolder = workFolder;
    this.out = out;
  }

  /**
   * {@code count} scenarios from {@code seed} on {@link #CONFIGURATIONS} random accelerator
   * configurations at {@link ConfigurationGenerator.Limits#SMALL} (so builds stay short).
   */
  public static List<FaultScenario> scenarios(long seed, int count) {
    Random run = new Random(seed);
    ConfigurationGenerator generator = new ConfigurationGenerator(ConfigurationGenerator.Limits.SMALL);
    List<Map<String, String>> configurations = new ArrayList<>();
    for (int i = 0; i < CONFIGURATIONS; i++) {
      configurations.add(generator.accelerator(run.nextLong()).parameters());
    }
    return FaultScenario.random(run.nextLong(), count, configurations);
  }

  /** Every scenario's outcome, in the order of {@code scenarios}. */
  public List<FaultRunner.Outcome> run(List<FaultScenario> scenarios) {
    return Parallel.map(scenarios, jobs, (i, scenario) -> {
      Path folder = workFolder.resolve(String.format("%04d-%s", i, scenario.fault().text()));
      return report(runner.run(scenario, folder), folder);
    });
  }

  private FaultRunner.Outcome report(FaultRunner.Outcome outcome, Path folder) {
    String what = " (" + outcome.report() + String.format("; %.1f s)", outcome.seconds());
    synchronized (out) {
      if (outcome.passed()) {
        out.println("PASS " + outcome.scenario() + what);
      } else {
        out.println("FAIL [" + outcome.failure().stage() + "] " + outcome.scenario() + what + "\n  "
            + outcome.failure().getMessage().replace("\n", "\n  ") + "\n  replay: "
            + outcome.scenario().replayCommand() + "\n  files: " + folder);
      }
      out.flush();
    }
    if (outcome.passed()) {
      FuzzRun.deleteTree(folder);
    }
    return outcome;
  }

  /** The closing lines: scenarios per fault kind, passed and failed, jobs checked, time, every failure's replay. */
  public static String summary(List<FaultRunner.Outcome> outcomes, double wallSeconds) {
    List<String> kinds = new ArrayList<>();
    for (FaultScenario.Fault fault : FaultScenario.Fault.values()) {
      kinds.add(fault.text() + " " + outcomes.stream().filter(o -> o.scenario().fault() == fault).count());
    }
    long configurations = outcomes.stream().map(o -> o.scenario().configuration().parameters()).distinct().count();
    long failed = outcomes.stream().filter(o -> !o.passed()).count();
    StringBuilder text = new StringBuilder(String.format("faults: %d scenarios (%s) on %d configurations, %d passed,"
            + " %d failed; %d jobs checked bit-exact; wall %.0f s", outcomes.size(), String.join(", ", kinds),
        configurations, outcomes.size() - failed, failed,
        outcomes.stream().mapToInt(FaultRunner.Outcome::exactJobs).sum(), wallSeconds));
    for (FaultRunner.Outcome outcome : outcomes) {
      if (!outcome.passed()) {
        text.append("\n  failed [").append(outcome.failure().stage()).append("]: ")
            .append(outcome.scenario().replayCommand());
      }
    }
    return text.toString();
  }
}
