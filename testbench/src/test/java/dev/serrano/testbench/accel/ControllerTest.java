package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.hdl.lib.accel.Controller;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller with its three units emulated in Java, cycle by cycle: each unit takes work when it
 * is ready (randomly), finishes in order after a random latency with a {@code done} pulse (the
 * execute unit also drives {@code idle}) and every start and completion is recorded. The checks: each
 * queue starts and completes its commands in program order, no command starts before the tokens it
 * pops were pushed by completed commands, a DMA command's target and row length reach its engine
 * whole, at most {@code computeInFlight} COMPUTEs are in the execute unit, FENCE waits for
 * everything, an unknown opcode sets
 * {@code error_opcode} and the program goes on, and random double-buffered programs finish. Seeds
 * are logged; replay one with {@code -Dcontroller.seed=<seed>}.
 */
class ControllerTest {
  /** Three COMPUTEs in flight at most: fewer than the emulated execute unit takes, so issue pauses. */
  private static final Controller.Config CONFIG = new Controller.Config(32, 14, 16, 16, 4, 3, 3,
      ResetStyle.SYNC_ACTIVE_HIGH);
  private static final int LOAD = 0;
  private static final int COMPUTE = 1;
  private static final int STORE = 2;

  @TempDir
  Path folder;

  /** A command of a test program; {@code id} travels in an address field to identify it at the unit. */
  record Cmd(int opcode, int id, boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {
    int stage() {
      return opcode == Opcode.LOAD.code ? LOAD : opcode == Opcode.COMPUTE.code ? COMPUTE
          : opcode == Opcode.STORE.code ? STORE : -1;
    }

    BigInteger encode() {
      Map<String, Long> v = new HashMap<>();
      v.put("pop_prev", popPrev ? 1L : 0L);
      v.put("pop_next", popNext ? 1L : 0L);
      v.put("push_prev", pushPrev ? 1L : 0L);
      v.put("push_next", pushNext ? 1L : 0L);
      if (opcode == Opcode.COMPUTE.code) {
        v.put("c_addr", (long) id);
        v.put("compute_rows", (long) (id % 7));
        v.put("preload", (long) (id & 1));
      } else if (opcode == Opcode.LOAD.code || opcode == Opcode.STORE.code) {
        v.put("addr", (long) id);
        v.put("rows", 1L);
        v.put("row_bytes", (long) rowBytes());
        v.put("target", (long) target());
      }
      return CommandFormat.encode(opcode, v);
    }

    /** Every target number, 0 to 3, the engines see whole. */
    int target() {
      return id % 4;
    }

    /** Row lengths up to the field's 19 bits, so the top bit is exercised too. */
    int rowBytes() {
      return (id * 40503) % (1 << 19);
    }
  }

  /** What happened to each command: cycles of start and completion (-1: never). */
  static final class Trace {
    final Map<Integer, Long> start = new HashMap<>();
    final Map<Integer, Long> done = new HashMap<>();
    final List<List<Integer>> startOrder = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    final List<List<Integer>> doneOrder = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    final Map<Integer, Long> accepted = new HashMap<>();
    final List<Long> fenceDone = new ArrayList<>();
    final List<Long> commits = new ArrayList<>();
    boolean overlapLoadStore;
    long errorSetAt = -1;
    long cycles;
  }

  /** One DMA engine or the execute unit: in-order completion after a random latency. */
  static final class Unit {
    final Deque<long[]> inFlight = new ArrayDeque<>(); // {id, finish cycle}
    long lastFinish;

    void accept(int id, long now, int latency) {
      long finish = Math.max(now + latency, lastFinish + 1);
      lastFinish = finish;
      inFlight.add(new long[] {id, finish});
    }
  }

  private static long seed() {
    String s = System.getProperty("controller.seed");
    return s != null ? Long.parseLong(s) : System.nanoTime();
  }

  private Trace run(Simulation sim, List<Cmd> program, Random random, int maxLatency, double readyRate,
      long maxCycles) {
    Trace t = new Trace();
    Unit[] units = {new Unit(), new Unit(), new Unit()};
    int[] tokens = new int[4]; // l2c, c2l, c2s, s2c: pushes completed before this cycle, minus pops
    Map<Integer, Cmd> byId = new HashMap<>();
    for (Cmd c : program) {
      byId.put(c.id(), c);
    }
    int next = 0;
    long now = sim.cycle();
    long end = now + maxCycles;
    int quiet = 0;
    while (true) {
      boolean offering = next < program.size() && random.nextInt(4) != 0;
      sim.port("cmd_valid").set(offering ? 1 : 0);
      if (offering) {
        sim.port("cmd_data").set(program.get(next).encode());
      }
      boolean[] ready = new boolean[3];
      for (int u = 0; u < 3; u++) {
        ready[u] = random.nextDouble() < readyRate;
      }
      sim.port("load_desc_ready").set(ready[LOAD] ? 1 : 0);
      sim.port("exec_cmd_ready").set(ready[COMPUTE] ? 1 : 0);
      sim.port("store_desc_ready").set(ready[STORE] ? 1 : 0);
      // Completions this cycle: a done pulse per command; the execute unit is idle from its last one.
      List<Integer> finished = new ArrayList<>();
      String[] donePorts = {"load_done", "exec_done", "store_done"};
      for (int u = 0; u < 3; u++) {
        long[] head = units[u].inFlight.peek();
        boolean done = head != null && head[1] == now;
        sim.port(donePorts[u]).set(done ? 1 : 0);
        if (done) {
          finished.add((int) units[u].inFlight.remove()[0]);
        }
      }
      sim.port("exec_idle").set(units[COMPUTE].inFlight.isEmpty() ? 1 : 0);
      sim.eval();

      if (offering && sim.port("cmd_ready").get() == 1) {
        Cmd c = program.get(next++);
        t.accepted.put(c.id(), now);
      }
      if (sim.port("fence_done").get() == 1) {
        t.fenceDone.add(now);
      }
      if (sim.port("config_commit").get() == 1) {
        t.commits.add(now);
      }
      if (t.errorSetAt < 0 && sim.port("error_opcode").get() == 1) {
        t.errorSetAt = now;
      }
      String[] valids = {"load_desc_valid", "exec_cmd_valid", "store_desc_valid"};
      String[] ids = {"load_desc_addr", "exec_cmd_c_addr", "store_desc_addr"};
      for (int u = 0; u < 3; u++) {
        if (sim.port(valids[u]).get() == 1 && ready[u]) {
          int id = (int) sim.port(ids[u]).get();
          Cmd c = byId.get(id);
          assertTrue(c != null && c.stage() == u, "unit " + u + " started unknown command " + id);
          assertTrue(!t.start.containsKey(id), "command " + id + " started twice");
          if (u != COMPUTE) {
            String engine = u == LOAD ? "load_" : "store_";
            assertEquals(c.target(), sim.port(engine + "desc_target").get(), "target of " + c);
            assertEquals(c.rowBytes(), sim.port(engine + "desc_row_bytes").get(), "row bytes of " + c);
          }
          checkAndTakeTokens(c, tokens, now);
          t.start.put(id, now);
          t.startOrder.get(u).add(id);
          units[u].accept(id, now, 2 + random.nextInt(maxLatency));
        }
      }
      assertTrue(units[COMPUTE].inFlight.size() <= CONFIG.computeInFlight(), "more than "
          + CONFIG.computeInFlight() + " COMPUTEs issued and not done at cycle " + now);
      for (int id : finished) {
        Cmd c = byId.get(id);
        t.done.put(id, now);
        t.doneOrder.get(c.stage()).add(id);
        pushTokens(c, tokens);
      }
      if (!units[LOAD].inFlight.isEmpty() && !units[STORE].inFlight.isEmpty()) {
        t.overlapLoadStore = true;
      }
      if (next == program.size() && units[0].inFlight.isEmpty() && units[1].inFlight.isEmpty()
          && units[2].inFlight.isEmpty() && sim.port("busy").get() == 0) {
        if (++quiet > 2) { // a few idle cycles, to see a last fence_done pulse and nothing else happen
          break;
        }
      } else {
        quiet = 0;
      }
      if (now >= end) {
        fail("no progress: " + next + " of " + program.size() + " commands taken, " + t.done.size()
            + " completed after " + maxCycles + " cycles (deadlock?)");
      }
      sim.step();
      now = sim.cycle();
    }
    sim.port("cmd_valid").set(0);
    for (String done : new String[] {"load_done", "exec_done", "store_done"}) {
      sim.port(done).set(0);
    }
    sim.step(2);
    t.cycles = now;
    return t;
  }

  private static void checkAndTakeTokens(Cmd c, int[] tokens, long now) {
    int popPrev = c.stage() == COMPUTE ? 0 : c.stage() == STORE ? 2 : -1;
    int popNext = c.stage() == LOAD ? 1 : c.stage() == COMPUTE ? 3 : -1;
    for (int[] dir : new int[][] {{c.popPrev() ? popPrev : -1}, {c.popNext() ? popNext : -1}}) {
      if (dir[0] >= 0) {
        assertTrue(tokens[dir[0]] > 0, "command " + c + " started at cycle " + now + " without a token "
            + dir[0] + " (l2c, c2l, c2s, s2c)");
        tokens[dir[0]]--;
      }
    }
  }

  private static void pushTokens(Cmd c, int[] tokens) {
    if (c.pushNext() && c.stage() == LOAD) {
      tokens[0]++;
    }
    if (c.pushPrev() && c.stage() == COMPUTE) {
      tokens[1]++;
    }
    if (c.pushNext() && c.stage() == COMPUTE) {
      tokens[2]++;
    }
    if (c.pushPrev() && c.stage() == STORE) {
      tokens[3]++;
    }
  }

  /** Every queued command started and completed once, in program order within its queue. */
  private static void assertQueueOrder(List<Cmd> program, Trace t) {
    for (int u = 0; u < 3; u++) {
      final int stage = u;
      List<Integer> expected = program.stream().filter(c -> c.stage() == stage).map(Cmd::id).toList();
      assertEquals(expected, t.startOrder.get(u), "start order of queue " + u);
      assertEquals(expected, t.doneOrder.get(u), "completion order of queue " + u);
    }
  }

  /** The double-buffered GEMM loop of VTA: {@code buffers} tiles in flight between each pair of stages. */
  static List<Cmd> doubleBuffered(int iterations, int buffers, Random random, int firstId) {
    List<Cmd> p = new ArrayList<>();
    int id = firstId;
    for (int i = 0; i < iterations; i++) {
      p.add(new Cmd(Opcode.LOAD.code, id++, false, i >= buffers, false, true));
      p.add(new Cmd(Opcode.COMPUTE.code, id++, true, i >= buffers, true, true));
      if (random.nextInt(3) == 0) { // a COMPUTE with no tokens streams behind it
        p.add(new Cmd(Opcode.COMPUTE.code, id++, false, false, false, false));
      }
      p.add(new Cmd(Opcode.STORE.code, id++, true, false, true, false));
    }
    // Drain the tokens that freed buffers nobody reuses.
    for (int i = 0; i < Math.min(buffers, iterations); i++) {
      p.add(new Cmd(Opcode.LOAD.code, id++, false, true, false, false));
      p.add(new Cmd(Opcode.COMPUTE.code, id++, false, true, false, false));
    }
    return p;
  }

  private Simulation start() {
    Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, Controller.build(CONFIG)));
    sim.reset(4);
    return sim;
  }

  @ParameterizedTest(name = "{0} buffers")
  @ValueSource(ints = {1, 2, 3})
  void randomDoubleBufferedProgramsFinishInOrderAndRespectEveryToken(int buffers) {
    long seed = seed();
    System.out.println("ControllerTest doubleBuffered buffers=" + buffers + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = start()) {
      int id = 1;
      for (int round = 0; round < 4; round++) {
        List<Cmd> program = doubleBuffered(5 + random.nextInt(20), buffers, random, id);
        id += program.size();
        double readyRate = 0.3 + 0.7 * random.nextDouble();
        Trace t = run(sim, program, random, 1 + random.nextInt(30), readyRate, 20_000);
        assertQueueOrder(program, t);
        assertEquals(0, sim.port("error_opcode").get(), "seed " + seed);
      }
    }
  }

  @Test
  void loadAndStoreRunConcurrentlyWithoutTokens() {
    long seed = seed();
    System.out.println("ControllerTest concurrency seed=" + seed);
    Random random = new Random(seed);
    List<Cmd> program = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      program.add(new Cmd(Opcode.LOAD.code, 100 + i, false, false, false, false));
      program.add(new Cmd(Opcode.STORE.code, 200 + i, false, false, false, false));
    }
    try (Simulation sim = start()) {
      Trace t = run(sim, program, random, 40, 1.0, 5_000);
      assertQueueOrder(program, t);
      assertTrue(t.overlapLoadStore, "a LOAD and a STORE never ran at the same time (seed " + seed + ")");
    }
  }

  @Test
  void aPopWaitsForThePushingCommandToComplete() {
    long seed = seed();
    System.out.println("ControllerTest tokens seed=" + seed);
    Random random = new Random(seed);
    // STORE waits for the COMPUTE, which waits for the LOAD; the LOAD is slow, so both would start early without tokens.
    List<Cmd> program = List.of(
        new Cmd(Opcode.STORE.code, 1, true, false, false, false),
        new Cmd(Opcode.COMPUTE.code, 2, true, false, false, true),
        new Cmd(Opcode.LOAD.code, 3, false, false, false, true));
    try (Simulation sim = start()) {
      Trace t = run(sim, program, random, 30, 1.0, 5_000);
      assertTrue(t.start.get(2) > t.done.get(3), "COMPUTE started before the LOAD it waits for completed");
      assertTrue(t.start.get(1) > t.done.get(2), "STORE started before the COMPUTE it waits for completed");
    }
  }

  @Test
  void configCommitsBetweenTheStoresBeforeAndAfterIt() {
    long seed = seed();
    System.out.println("ControllerTest config seed=" + seed);
    Random random = new Random(seed);
    int config = Opcode.CONFIG.code;
    int store = Opcode.STORE.code;
    List<Cmd> program = List.of(new Cmd(store, 1, false, false, false, false), new Cmd(store, 2, false, false, false, false),
        new Cmd(config, 3, false, false, false, false), new Cmd(store, 4, false, false, false, false),
        new Cmd(config, 5, false, false, false, false), new Cmd(config, 6, false, false, false, false),
        new Cmd(store, 7, false, false, false, false));
    try (Simulation sim = start()) {
      Trace t = run(sim, program, random, 30, 0.8, 5_000);
      assertEquals(3, t.commits.size(), "one config_commit pulse per CONFIG: " + t.commits);
      assertTrue(t.commits.get(0) > t.done.get(2), "the first CONFIG committed before the stores ahead of it completed");
      assertTrue(t.commits.get(0) < t.start.get(4), "a store queued after the first CONFIG started before it committed");
      assertTrue(t.commits.get(1) > t.done.get(4), "the second CONFIG committed before the store ahead of it completed");
      assertTrue(t.commits.get(2) < t.start.get(7), "a store queued after the CONFIGs started before they committed");
      assertEquals(0, sim.port("error_opcode").get(), "CONFIG is a known opcode");
    }
  }

  @Test
  void fenceWaitsForEverythingAndUnknownOpcodesAreDropped() {
    long seed = seed();
    System.out.println("ControllerTest fence seed=" + seed);
    Random random = new Random(seed);
    List<Cmd> program = new ArrayList<>(doubleBuffered(4, 2, random, 1));
    int fence = 900;
    program.add(new Cmd(Opcode.FENCE.code, fence, false, false, false, false));
    program.add(new Cmd(6, 901, false, false, false, false)); // unknown opcode
    program.add(new Cmd(7, 902, true, true, true, true));
    List<Cmd> after = doubleBuffered(3, 2, random, 1000);
    program.addAll(after);
    program.add(new Cmd(Opcode.FENCE.code, 903, false, false, false, false));
    try (Simulation sim = start()) {
      assertEquals(0, sim.port("error_opcode").get());
      Trace t = run(sim, program, random, 25, 0.7, 20_000);
      assertQueueOrder(program.stream().filter(c -> c.stage() >= 0).toList(), t);
      long fenceAt = t.accepted.get(fence);
      for (Cmd c : program) {
        if (c.id() < fence) {
          assertTrue(t.done.get(c.id()) <= fenceAt, "FENCE taken at " + fenceAt + " before " + c + " completed");
        } else if (c.id() >= 1000) {
          assertTrue(t.start.get(c.id()) > fenceAt, c + " started before the FENCE");
        }
      }
      assertEquals(List.of(fenceAt + 1, t.accepted.get(903) + 1), t.fenceDone, "fence_done pulses");
      assertTrue(t.errorSetAt == t.accepted.get(901) + 1, "error_opcode rises after the unknown command");
      assertEquals(1, sim.port("error_opcode").get(), "error_opcode is sticky");
      assertEquals(0, sim.port("busy").get());
    }
  }
}
