package dev.serrano.hdl.bench;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import java.util.Map;

/**
 * Generation time versus array size: elaborating an n x n MAC grid with the builder API, then
 * checking, running the passes and emitting it, best of several runs after a warm-up. Prints a
 * Markdown table. Run with {@code scripts/bench-gen}.
 */
public final class GenerationBenchmark {
  private static final int[] SIZES = {8, 16, 32, 64, 128};
  private static final int RUNS = 3;

  private GenerationBenchmark() {}

  public static void main(String[] args) {
    System.out.println("| grid | PEs | elaborate (ms) | check + passes + emit (ms) | total (ms) | us per PE | Verilog bytes |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int n : SIZES) {
      measure(n);
      long bestElaborate = Long.MAX_VALUE;
      long bestEmit = Long.MAX_VALUE;
      long bytes = 0;
      for (int run = 0; run < RUNS; run++) {
        long t0 = System.nanoTime();
        Design design = design(n);
        long t1 = System.nanoTime();
        EmittedDesign emitted = EmittedDesign.of(design);
        long t2 = System.nanoTime();
        bestElaborate = Math.min(bestElaborate, t1 - t0);
        bestEmit = Math.min(bestEmit, t2 - t1);
        bytes = emitted.files().values().stream().mapToLong(String::length).sum();
      }
      long total = bestElaborate + bestEmit;
      System.out.printf("| %d x %d | %d | %.0f | %.0f | %.0f | %.1f | %d |%n", n, n, n * n,
          bestElaborate / 1e6, bestEmit / 1e6, total / 1e6, total / 1e3 / (n * n), bytes);
    }
  }

  private static void measure(int n) {
    EmittedDesign.of(design(n));
  }

  private static Design design(int n) {
    return Catalog.design("mac_grid", Map.of("rows", String.valueOf(n), "cols", String.valueOf(n)));
  }
}
