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
import dev.serrano.testbench.sim.AxiChannel;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * replays one.
 */
class FaultInjectionTest {
  /** Rows of A in a job: enough bursts that a reset lands inside a transfer. */
  private static final int M = 16;
  private static final int K = 3;
  private static final int N = 5;
  private static final List<String> ERRORS = List.of("load_error", "store_error", "opcode_error");

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

      long events = driver.events();
      assertTrue((events & driver.eventMask(event)) != 0, event + " flag, events 0x" + Long.toHexString(events));
      assertEquals(0, events & driver.eventMask(reads ? "store_error" : "load_error"), "only the injected error");
      assertEquals(failing, driver.host().read(reads ? "load_error_addr" : "store_error_addr"), "failing address");
      long responses = driver.host().read("error_resp");
      assertEquals(response.code(), driver.host().registers().field("error_resp", reads ? "load" : "store")
          .extract(responses));
      assertEquals(1, sim.port("irq").get(), "interrupt");
      AxiCounters counters = driver.memory().counters();
      long errors = reads ? counters.readErrors() : counters.writeErrors();
      assertTrue(errors >= 1, "the bursts touching the range were answered with the error: " + counters);
      if (!reads) {
        byte[] firstBeat = driver.memory().read(C, driver.shape().busBytes());
        for (byte value : firstBeat) {
          assertEquals((byte) 0x5a, value, "a burst answered SLVERR writes nothing");
        }
      }

      driver.clearEvents(driver.eventMask(event));
      driver.memory().clearErrorRanges();
      assertNextJobIsExact(driver, random);
      assertEquals(0, driver.events() & (driver.eventMask("load_error") | driver.eventMask("store_error")));
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
      assertEquals(0, driver.events() & ERRORS.stream().mapToLong(driver::eventMask).reduce(0, (x, y) -> x | y),
          "no error event, events 0x" + Long.toHexString(driver.events()));
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
        submit(driver, oneTile(driver.shape(), M, K, N));
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

        long status = driver.host().read("status");
        for (String busy : List.of("busy", "load_busy", "store_busy")) {
          assertEquals(0, driver.host().registers().field("status", busy).extract(status), busy + " after reset, "
              + where);
        }
        assertEquals(0, driver.events(), "no event (not even fence) after reset, " + where);
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

  /** Queues the program's command writes and runs until they are all accepted, without waiting for its FENCE. */
  private static void submit(AcceleratorDriver driver, List<BigInteger> program) {
    List<Long> offsets = driver.host().registers().commandWords("cmd").stream().map(r -> r.offset()).toList();
    AxiLiteMaster.Batch batch = driver.host().batch();
    for (BigInteger word : program) {
      for (int i = 0; i < offsets.size(); i++) {
        batch.write(offsets.get(i), word.shiftRight(32 * i).longValue() & 0xffff_ffffL);
      }
    }
    batch.submit();
    driver.host().runUntilIdle(10_000);
    driver.host().collect().forEach(r -> assertEquals(AxiResponse.OKAY, r.response(), r.toString()));
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
