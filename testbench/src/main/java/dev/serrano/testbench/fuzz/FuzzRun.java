package dev.serrano.testbench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs cases with {@link CaseRunner}, {@code jobs} at a time, each in its own folder under a work
 * folder; prints one line per finished case (PASS or FAIL with the stage and the message) and, for
 * a failure, the command that replays it and the folder kept for inspection. The folders of passing
 * cases are deleted.
 */
public final class FuzzRun {
  private final CaseRunner runner;
  private final int jobs;
  private final Path workFolder;
  private final PrintStream out;

  public FuzzRun(CaseRunner runner, int jobs, Path workFolder, PrintStream out) {
    this.runner = runner;
    this.jobs = jobs;
    this.workFolder = workFolder;
    this.out = out;
  }

  /** Every case's outcome, in the order of {@code cases}. */
  public List<CaseRunner.Outcome> run(List<FuzzCase> cases) {
    return Parallel.map(cases, jobs, (i, fuzzCase) -> {
      Path folder = workFolder.resolve(String.format("%04d-%s", i, fuzzCase.top()));
      return report(runner.run(fuzzCase, folder), folder);
    });
  }

  private CaseRunner.Outcome report(CaseRunner.Outcome outcome, Path folder) {
    String times = String.format("generate and lint %.1f s, build %.1f s, %d GEMMs %.1f s", outcome.lintSeconds(),
        outcome.buildSeconds(), outcome.gemms(), outcome.runSeconds())
        + (outcome.replaySeconds() > 0 ? String.format(", Icarus replay %.1f s", outcome.replaySeconds()) : "");
    synchronized (out) {
      if (outcome.passed()) {
        out.println("PASS " + outcome.fuzzCase() + " (" + times + ")");
      } else {
        out.println("FAIL [" + outcome.failure().stage() + "] " + outcome.fuzzCase() + " (" + times + ")\n  "
            + outcome.failure().getMessage().replace("\n", "\n  ") + "\n  replay: "
            + outcome.replayCommand() + "\n  files: " + folder);
      }
      out.flush();
    }
    if (outcome.passed()) {
      deleteTree(folder);
    }
    return outcome;
  }

  static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
