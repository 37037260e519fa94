package dev.serrano.testbench.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/** Runs one task per item, {@code jobs} at a time, for the fuzz runs ({@link FuzzRun}, {@link FaultCampaign}). */
final class Parallel {
  private Parallel() {}

  /**
   * {@code task(i, items[i])} for every item, {@code jobs} at once.
   *
   * @return the results in the order of {@code items}
   */
  static <T, R> List<R> map(List<T> items, int jobs, BiFunction<Integer, T, R> task) {
    if (jobs < 1 || jobs > 64) {
      throw new IllegalArgumentException("jobs must be from 1 to 64, got " + jobs);
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<R>> running = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        running.add(pool.submit(() -> task.apply(index, items.get(index))));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : running) {
        results.add(await(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cases ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a case could not be run", e.getCause());
    }
  }
}
