package dev.serrano.testbench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    if (jobs < 1 || jobs > 64) {
      throw new IllegalArgumentException("jobs must be from 1 to 64, got " + jobs);
    }
    this.runner = runner;
    this.jobs = jobs;
    this.workFolder = workFolder;
    this.out = out;
  }

  /** Every case's outcome, in the order of {@code cases}. */
  public List<CaseRunner.Outcome> run(List<FuzzCase> cases) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<CaseRunner.Outcome>> running = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        FuzzCase fuzzCase = cases.get(i);
        Path folder = workFolder.resolve(String.format("%04d-%s", i, fuzzCase.top()));
        running.add(pool.submit(() -> report(runner.run(fuzzCase, folder), folder)));
      }
      List<CaseRunner.Outcome> outcomes = new ArrayList<>();
      for (Future<CaseRunner.Outcome> task : running) {
        outcomes.add(await(task));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
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

  private static void deleteTree(Path folder) {
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

  private static CaseRunner.Outcome await(Future<CaseRunner.Outcome> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cases ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a case could not be run", e.getCause());
    }
  }
}
