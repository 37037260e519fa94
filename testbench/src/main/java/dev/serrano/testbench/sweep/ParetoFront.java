package dev.serrano.testbench.sweep;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto-optimal items of a list: those no other item dominates, that is, is at least as good in
 * every objective and better in one. Items equal in every objective dominate neither each other, so
 * both stay.
 */
final class ParetoFront {
  private ParetoFront() {}

  /** An objective to maximize; minimize one by negating it. */
  interface Objective<T> extends ToDoubleFunction<T> {}

  /** The optimal items of {@code items}, in their order. */
  static <T> List<T> of(List<T> items, List<Objective<T>> objectives) {
    return items.stream().filter(item -> items.stream().noneMatch(other -> dominates(other, item, objectives)))
        .toList();
  }

  static <T> boolean dominates(T a, T b, List<Objective<T>> objectives) {
    boolean better = false;
    for (Objective<T> objective : objectives) {
      double x = objective.applyAsDouble(a);
      double y = objective.applyAsDouble(b);
      if (x < y) {
        return false;
      }
      better |= x > y;
    }
    return better;
  }
}
