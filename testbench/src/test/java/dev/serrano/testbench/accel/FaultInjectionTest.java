package dev.serrano.testbench.accel;

import static dev.serrano.testbench.accel.AcceleratorTest.A;
import static dev.serrano.testbench.accel.AcceleratorTest.B;
import static dev.serrano.testbench.accel.AcceleratorTest.C;
import static dev.serrano.testbench.accel.AcceleratorTest.gemm;
import static dev.serrano.testbench.accel.AcceleratorTest.int32s;
import static dev.serrano.testbench.accel.AcceleratorTest.oneTile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.fuzz.FaultChecks;
import dev.serrano.testbench.fuzz.FaultRunner;
import dev.serrano.testbench.fuzz.FaultScenario;
import dev.serrano.testbench.sim.AxiChannel;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults injected through the native AXI4 memory model on the accelerator's {@code m_axi}: error
 * responses on reads and on writes, stalls of thousands of cycles, a reset in the middle of a read
 * and of a write burst. Each fault is reported (events, the failing address and response), the
 * accelerator recovers, and the next job is bit-exact against direct loops. A hang becomes a
 * failure naming the cycle and the stuck channel. Seeds are printed; {@code -Daccelerator.seed=N}
 * replays one. The checks are the fault campaign's ({@link FaultChecks}), of which a few random
 * scenarios run here too.
 */
class FaultInjectionTest {
  /** Rows of A in a job: enough bursts that a reset lands inside a transfer. */
  private static final int M = 16;
  private static final int K = 3;
  private static final int N = 5;

  @TempDir
  Path folder;

  /** A random stream from the printed seed ({@code -Daccelerator.seed=N} replays one). */
  private static Random seeded(String test) {
    long seed = Long.getLong("accelerator.seed", System.nanoTime());
    System.out.println("FaultInjectionTest " + test + " seed " + seed);
    return new Random(seed);
  }

  private Simulation start() {
    Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "accelerator", AcceleratorTest.SMALL));
    sim.axi("m_axi").memory(0, 0x10000);
    sim.reset(4);
    return sim;
  }

  enum Direction { READ, WRITE }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Direction.class)
  void anErrorResponseIsReportedWithItsAddressAndTheNextJobIsExact(Direction direction) {
    Random random = seeded("error " + direction);
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      byte[] a = bytes(random, M * K);
      byte[] b = bytes(random, K * N);
      driver.memory().write(A, a);
      driver.memory().write(B, b);
      driver.memory().fill(C, 4 * M * N, (byte) 0x5a);
      boolean reads = direction == Direction.READ;
      // Reads fail on the weights (DECERR, as a hole in the address map), writes on the results'
      // first burst (SLVERR); both addresses start a burst, the address the registers report.
      long failing = reads ? B : C;
      AxiResponse response = reads ? AxiResponse.DECERR : AxiResponse.SLVERR;
      driver.memory().addErrorRange(failing, failing + 1, response, reads, !reads);
      String event = reads ? "load_error" : "store_error";
      driver.host().write("irq_enable", driver.eventMask(event));

      driver.run(oneTile(driver.shape(), M, K, N), 100_000);

      long burstBytes = Long.parseLong(AcceleratorTest.SMALL.get("maxBurst")) * driver.shape().busBytes();
      assertEquals(failing, FaultChecks.requireErrorReported(driver, reads, response, failing, failing + 1, burstBytes),
          "the failing address, where a burst starts");
      if (!reads) {
        byte[] firstBeat = driver.memory().read(C, driver.shape().busBytes());
        for (byte value : firstBeat) {
          assertEquals((byte) 0x5a, value, "a burst answered SLVERR writes nothing");
        }
      }

      driver.clearEvents(driver.eventMask(event));
      driver.memory().clearErrorRanges();
      assertNextJobIsExact(driver, random);
      FaultChecks.requireNoErrorEvent(driver, "after the next job");
    }
  }

  @Test
  void stallsOfThousandsOfCyclesOnEveryChannelOnlyCostTime() {
    Random random = seeded("stalls");
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      // Every read burst waits 3000 cycles for its first beat, every write 3000 for its response,
      // and every channel stalls half the cycles besides.
      driver.memory().readLatency(3000).writeLatency(3000).seed(random.nextLong()).stallAll(0.5);
      AcceleratorDriver.Run run = assertNextJobIsExact(driver, random);
      assertTrue(run.cycles() > 2 * 3000, "the latencies were paid: " + run.cycles() + " cycles");
      AxiCounters counters = driver.memory().counters();
      for (AxiChannel channel : List.of(AxiChannel.AR, AxiChannel.AW, AxiChannel.W)) {
        assertTrue(counters.stalls(channel) > 0, channel + " was stalled");
      }
      FaultChecks.requireNoErrorEvent(driver, "after the stalled job");
    }
  }

  /**
   * A reset (4 cycles) while a read burst's data is on the bus, or while a write burst's beats
   * trickle in: the memory model forgets the bursts with the design (they share ARESETn), the
   * accelerator comes out idle with no event set, and the next job is exact. Three rounds per
   * direction, each resetting at a random point of a different transfer.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Direction.class)
  void aResetInTheMiddleOfATransferLeavesTheAcceleratorReadyForTheNextJob(Direction direction) {
    Random random = seeded("reset during " + direction);
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      for (int round = 0; round < 3; round++) {
        driver.memory().write(A, bytes(random, M * K));
        driver.memory().write(B, bytes(random, K * N));
        boolean reads = direction == Direction.READ;
        driver.memory().seed(random.nextLong()).readLatency(reads ? 200 : 1).stall(AxiChannel.W, reads ? 0 : 0.9);
        driver.memory().resetCounters();
        driver.submit(oneTile(driver.shape(), M, K, N), 10_000);
        // Into a transfer, at a random point: R data offered, or W beats offered to a slave that
        // takes one in ten.
        Port valid = sim.port(reads ? "m_axi_rvalid" : "m_axi_wvalid");
        sim.runUntil(valid.is(1), 10_000);
        sim.step(random.nextInt(reads ? 150 : 30));
        sim.runUntil(valid.is(1), 10_000);
        AxiCounters during = driver.memory().counters();
        String where = "round " + round + ", cycle " + sim.cycle() + ", " + during;
        // The store is M rows of at least 3 beats (20 bytes on an 8-byte bus).
        assertTrue(reads ? during.readBursts() > 0 : during.writeBursts() > 0 && during.writeBeats() < 3L * M,
            "mid-transfer: " + where);

        sim.reset(4);

        FaultChecks.requireIdleWithoutEvents(driver, "after reset, " + where);
        driver.memory().readLatency(1).stall(AxiChannel.W, 0);
        assertNextJobIsExact(driver, random);
      }
    }
  }

  @Test
  void aHangNamesTheCycleAndTheStuckChannel() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      driver.memory().stall(AxiChannel.AR, 1.0);
      IllegalStateException hang = assertThrows(IllegalStateException.class,
          () -> driver.run(oneTile(driver.shape(), M, K, N), 2_000));
      String message = hang.getMessage();
      FaultChecks.requireHangNamed(message, 2_000, AxiChannel.AR);
      assertTrue(message.startsWith("the accelerator did not reach the program's FENCE within 2000 cycles: at cycle "),
          message);
      assertTrue(message.matches(".*the FENCE event never came \\(events 0x0\\); m_axi at cycle \\d+: AR valid"
          + " without ready \\(\\d+ stall cycles so far\\), AW W R B idle; status .*"), message);
      assertTrue(message.contains("status 0x") && message.contains("load_busy"), message);
    }
  }

  @Test
  void aHangBehindAFullCommandQueueNamesTheCommandHeldBack() {
    try (Simulation sim = start()) {
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      driver.memory().stall(AxiChannel.AR, 1.0);
      // Loads only: each waits for the stalled bus, so the queues fill and a command write waits.
      List<BigInteger> program = new ArrayList<>();
      for (int i = 0; i < 4 * driver.queueDepth(); i++) {
        program.add(CommandFormat.encode(Opcode.LOAD.code, Map.of("target", 0L, "row_bytes", (long) N, "rows", 1L,
            "local", (long) i, "addr", B, "stride", (long) N)));
      }
      program.add(CommandFormat.encode(Opcode.FENCE.code, Map.of()));
      IllegalStateException hang = assertThrows(IllegalStateException.class, () -> driver.run(program, 2_000));
      String message = hang.getMessage();
      assertTrue(message.contains(" waits to enter the full command queue (the controller took no command for "),
          message);
      assertTrue(message.contains(" of " + program.size() + " "), message);
      assertTrue(message.contains("AR valid without ready"), message);
    }
  }

  /**
   * A few random scenarios of the fault campaign ({@code scripts/fuzz --faults}) on this class's
   * configuration, so they share its build: the fault kind, the job, the failing range, the latencies,
   * the reset cycle and the stuck channel drawn from {@code -Dfaults.seed} or the clock (printed).
   */
  @Test
  void randomScenariosOfTheFaultCampaignAreReportedAndRecovered() {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    int count = Integer.getInteger("faults.scenarios", 6);
    System.out.println("FaultInjectionTest random scenarios seed " + seed + " (-Dfaults.seed=" + seed + ")");
    // Sorted: the scenario's text lists the parameters in the map's order.
    List<FaultScenario> scenarios = FaultScenario.random(seed, count, List.of(new TreeMap<>(AcceleratorTest.SMALL)));
    FaultRunner runner = new FaultRunner();
    for (int i = 0; i < scenarios.size(); i++) {
      FaultRunner.Outcome outcome = runner.run(scenarios.get(i), folder.resolve("scenario-" + i));
      System.out.println((outcome.passed() ? "PASS " : "FAIL ") + outcome.scenario() + " (" + outcome.report()
          + String.format("; %.1f s)", outcome.seconds()));
      assertTrue(outcome.passed(), () -> outcome.failure().getMessage() + "\n  replay: "
          + outcome.scenario().replayCommand());
      assertTrue(outcome.exactJobs() >= 1, "the next job was checked");
    }
  }

  /** A job on fresh random operands, its result against direct loops. */
  private static AcceleratorDriver.Run assertNextJobIsExact(AcceleratorDriver driver, Random random) {
    byte[] a = bytes(random, M * K);
    byte[] b = bytes(random, K * N);
    driver.memory().write(A, a);
    driver.memory().write(B, b);
    driver.memory().fill(C, 4 * M * N, (byte) 0x5a);
    AcceleratorDriver.Run run = driver.run(oneTile(driver.shape(), M, K, N), 1_000_000);
    assertArrayEquals(gemm(a, b, M, K, N), int32s(driver.memory().read(C, 4 * M * N)), "the next job");
    return run;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
