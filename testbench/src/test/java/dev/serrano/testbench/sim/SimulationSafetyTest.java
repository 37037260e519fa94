package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.TestDesigns;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misuse of a simulation from Java never reaches native code: after close, from a second thread
 * (also while the owner is stepping), and with values, ports or copy ranges that do not fit. Each
 * misuse is an exception naming the problem, and the simulation (if open) goes on unharmed.
 */
class SimulationSafetyTest {
  @TempDir
  Path folder;

  /** Every handle of a closed simulation refuses, instead of touching the freed model. */
  @Test
  void everyCallAfterCloseThrows() {
    Simulation counter = Simulation.start(TestDesigns.load("counter"));
    Port enable = counter.port("enable");
    Port count = counter.port("count");
    Condition condition = count.is(3);
    counter.close();
    Simulation axiDesign = AxiManualMaster.start(SimulationOptions.defaults());
    AxiMemoryModel axi = axiDesign.axi("m_axi");
    axiDesign.close();
    Simulation fifo = Simulation.start(GeneratedDesigns.generate(folder, "fifo", Map.of("width", "32", "depth", "16")));
    Memory storage = fifo.memory("storage");
    fifo.close();

    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("port lookup", () -> counter.port("count"));
    calls.put("port set", () -> enable.set(1));
    calls.put("port set BigInteger", () -> enable.set(BigInteger.ONE));
    calls.put("port setWords", () -> enable.setWords(new int[] {1}));
    calls.put("port get", count::get);
    calls.put("port getBigInteger", count::getBigInteger);
    calls.put("port getWords", () -> count.getWords(new int[1]));
    calls.put("eval", counter::eval);
    calls.put("step", () -> counter.step(10));
    calls.put("runUntil", () -> counter.runUntil(condition, 10));
    calls.put("reset", () -> counter.reset(2));
    calls.put("onCycle", () -> counter.onCycle(cycle -> {}));
    calls.put("waves", () -> counter.waves(true));
    calls.put("memory lookup", () -> fifo.memory("storage"));
    calls.put("memory write", () -> storage.write(0, new long[] {1}));
    calls.put("memory read", () -> storage.read(0, new long[1]));
    calls.put("memory writeChunks", () -> storage.writeChunks(0, new int[] {1}));
    calls.put("memory readChunks", () -> storage.readChunks(0, new int[1]));
    calls.put("axi lookup", () -> axiDesign.axi("m_axi"));
    calls.put("axi write", () -> axi.write(0, new byte[] {1}));
    calls.put("axi read", () -> axi.read(0, 1));
    calls.put("axi fill", () -> axi.fill(0, 4, (byte) 1));
    calls.put("axi contents", axi::contents);
    calls.put("axi counters", axi::counters);
    calls.put("axi configuration", () -> axi.readLatency(3));
    calls.put("axi memory", () -> axi.memory(0, 4096));
    calls.forEach((what, call) -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, call, what);
      assertTrue(e.getMessage().matches("simulation of \\w+ is closed"), what + ": " + e.getMessage());
    });
    counter.close();  // closing again is allowed
  }

  /**
   * A second thread is refused on every call, also while the owner steps: it gets an exception each
   * time, and the owner's run is unaffected (same count as stepping alone).
   */
  @Test
  void aSecondThreadIsRefusedWhileTheOwnerSteps() throws Exception {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"));
        Simulation alone = Simulation.start(TestDesigns.load("counter"))) {
      for (Simulation each : new Simulation[] {sim, alone}) {
        each.port("limit").set(100);
        each.port("enable").set(1);
        each.reset(2);
      }
      Port count = sim.port("count");
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch refusedOnce = new CountDownLatch(1);
      CompletableFuture<String> intruder = CompletableFuture.supplyAsync(() -> {
        while (!stop.get()) {
          for (Executable call : new Executable[] {count::get, () -> sim.port("enable").set(0), sim::step,
              () -> sim.memory("x"), () -> sim.axi("x"), sim::close}) {
            try {
              call.execute();
              return "a call from the second thread went through";
            } catch (IllegalStateException e) {
              if (!e.getMessage().endsWith("; it was called from " + Thread.currentThread().getName())) {
                return "unexpected message: " + e.getMessage();
              }
              refusedOnce.countDown();
            } catch (Throwable e) {
              return "unexpected " + e;
            }
          }
        }
        return "ok";
      });
      // The owner steps once the second thread is calling, and while it goes on calling.
      assertTrue(refusedOnce.await(10, TimeUnit.SECONDS), "the second thread ran");
      for (int i = 0; i < 200; i++) {
        sim.step(3);
      }
      stop.set(true);
      assertEquals("ok", intruder.get(10, TimeUnit.SECONDS));
      alone.step(600);
      assertEquals(alone.cycle(), sim.cycle());
      assertEquals(alone.port("count").get(), count.get(), "the owner's run is what it is alone");
    }
  }

  @Test
  void closeFromAnotherThreadIsRefusedAndTheSimulationStaysUsable() throws Exception {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(sim::close).get());
      assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
      sim.step(5);
      assertEquals(5, sim.cycle());
    }
  }

  /** Values, names and ranges that do not fit are refused in Java, before any native copy. */
  @Test
  void sizesThatDoNotFitAreRefused() {
    try (Simulation sim = Simulation.start(TestDesigns.load("port_widths"))) {
      assertThrows(IllegalArgumentException.class, () -> sim.port("in_u8").setWords(new int[] {1, 0}),
          "two words for an 8-bit port");
      assertThrows(IllegalArgumentException.class, () -> sim.port("in_u65").getWords(new int[2]),
          "a destination too short");
      assertThrows(IllegalArgumentException.class, () -> sim.port("in_u8").is(256), "a condition wider than the port");
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.port("in_u9"));
      assertTrue(unknown.getMessage().startsWith("design port_widths has no port \"in_u9\"; its ports are "),
          unknown.getMessage());
    }
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "fifo", Map.of("width", "32",
        "depth", "16")))) {
      Memory storage = sim.memory("storage");
      assertThrows(IndexOutOfBoundsException.class, () -> storage.read(Long.MAX_VALUE, new long[1]), "past the end");
      assertThrows(IndexOutOfBoundsException.class, () -> storage.read(Long.MIN_VALUE, new long[2]), "negative");
      assertThrows(IndexOutOfBoundsException.class, () -> storage.write(0, new long[17]), "more words than the depth");
      assertThrows(IllegalArgumentException.class, () -> sim.transferBuffer(1L << 31), "over 2 GiB");
      assertThrows(IllegalArgumentException.class, () -> sim.reset(0), "a reset of no cycles");
      storage.write(0, new long[] {7});
      long[] back = new long[1];
      storage.read(0, back);
      assertEquals(7, back[0], "still usable after the refusals");
    }
    try (Simulation sim = AxiManualMaster.start(SimulationOptions.defaults())) {
      AxiMemoryModel axi = sim.axi("m_axi");
      long end = axi.base() + axi.size();
      assertThrows(IndexOutOfBoundsException.class, () -> axi.read(end - 2, 4), "across the end");
      assertThrows(IndexOutOfBoundsException.class, () -> axi.write(-1, new byte[1]), "below the base");
      assertThrows(IndexOutOfBoundsException.class, () -> axi.read(0, -1), "a negative length");
      assertThrows(IllegalArgumentException.class, () -> axi.memory(0, 4097), "not whole pages");
      assertThrows(IllegalArgumentException.class, () -> axi.memory(0, 2L << 30), "over 1 GiB");
      assertThrows(IllegalArgumentException.class, () -> axi.stall(AxiChannel.R, 1.5), "a probability over 1");
      assertThrows(IllegalArgumentException.class, () -> axi.outstanding(0, 300), "outstanding limits");
    }
  }
}
