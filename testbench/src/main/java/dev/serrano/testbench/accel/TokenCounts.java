package dev.serrano.testbench.accel;

/** A value per token direction of the controller (stages LOAD -> COMPUTE -> STORE). */
public record TokenCounts(int loadToCompute, int computeToLoad, int computeToStore, int storeToCompute) {
  static TokenCounts of(int[] byDirection) {
    return new TokenCounts(byDirection[0], byDirection[1], byDirection[2], byDirection[3]);
  }

  public int max() {
    return Math.max(Math.max(loadToCompute, computeToLoad), Math.max(computeToStore, storeToCompute));
  }

  /** Counters never go below zero, so a zero maximum means every one is zero. */
  public boolean allZero() {
    return max() == 0;
  }
}
