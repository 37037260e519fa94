package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.testbench.TestDesigns;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Simulations alive at the same time keep separate state, in one thread or in several. */
class ParallelSimulationTest {

  @Test
  void simulationsInOneThreadDoNotInterfere() {
    try (Simulation fast = Simulation.start(TestDesigns.load("counter"));
         Simulation slow = Simulation.start(TestDesigns.load("counter"));
         Simulation other = Simulation.start(TestDesigns.load("terminator"))) {
      fast.reset(1);
      slow.reset(1);
      other.reset(1);
      fast.port("enable").set(1);
      for (int i = 0; i < 10; i++) {
        slow.port("enable").set(i % 2);
        slow.step();
        fast.step(3);
        other.step(2);
      }
      assertEquals(30, fast.port("count").get());
      assertEquals(5, slow.port("count").get());
      assertEquals(20, other.port("ticks").get());
    }
  }

  @Test
  void simulationsInParallelThreadsDoNotInterfere() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> counts = List.of(10_000, 20_000, 30_000, 40_000).stream()
          .map(cycles -> pool.submit(() -> countFor(cycles)))
          .toList();
      assertEquals(10_000, counts.get(0).get());
      assertEquals(20_000, counts.get(1).get());
      assertEquals(30_000, counts.get(2).get());
      assertEquals(40_000, counts.get(3).get());
    } finally {
      pool.shutdown();
    }
  }

  /** Counts in steps of 100 cycles so the threads interleave many native calls. */
  private static long countFor(int cycles) {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.reset(1);
      sim.port("enable").set(1);
      for (int done = 0; done < cycles; done += 100) {
        sim.step(100);
      }
      return sim.port("count").get();
    }
  }
}
