package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.lib.ElementType;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.AcceleratorShape;
import dev.serrano.testbench.accel.GemmCommand;
import dev.serrano.testbench.accel.GemmSpec;
import dev.serrano.testbench.accel.GemmTiler;
import dev.serrano.testbench.build.BuildProfile;
import dev.serrano.testbench.sim.AxiChannel;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiMemoryModel;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Runs one {@link FaultScenario}: generates its accelerator (a Verilator build cache hit after the
 * configuration's first scenario), injects the fault through the native AXI4 memory model on
 * {@code m_axi} during a random GEMM ({@link AcceleratorGemms}), checks what the host sees
 * ({@link FaultChecks}), then runs the next random GEMM on the same simulation, without a rebuild,
 * and requires it bit-exact. Everything random is drawn from the scenario's seed.
 */
public final class FaultRunner {
  /** A job under latencies in the thousands needs a few hundred thousand cycles on the small shapes drawn. */
  private static final long MAX_CYCLES = 4_000_000;
  /** Host writes of a three-word GEMM command, well within this. */
  private static final long SUBMIT_CYCLES = 100_000;
  private static final AxiChannel[] READY_CHANNELS = {AxiChannel.AR, AxiChannel.AW, AxiChannel.W};

  /**
   * What a scenario did: its failure (null if it passed), what the fault was and what the host saw,
   * the jobs checked bit-exact and the time.
   */
  public record Outcome(FaultScenario scenario, CaseFailure failure, String report, int exactJobs,
      double seconds) {
    public boolean passed() {
      return failure == null;
    }
  }

  /** Runs {@code scenario} in {@code folder} (which must not exist); never throws for a failing scenario. */
  public Outcome run(FaultScenario scenario, Path folder) {
    long start = System.nanoTime();
    Injection injection = null;
    CaseFailure failure = null;
    try (Simulation sim = start(scenario.configuration(), folder)) {
      injection = new Injection(scenario, new AcceleratorDriver(sim));
      injection.run();
    } catch (CaseFailure e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new CaseFailure(CaseFailure.Stage.FAULT, e.toString(), e);
    }
    return new Outcome(scenario, failure, injection == null ? "" : injection.report.toString(),
        injection == null ? 0 : injection.exactJobs, seconds(start));
  }

  /**
   * The configuration's simulation, set up as a fuzz case's. Built as {@link BuildProfile#FAST_SIMULATION}: the
   * default, so {@code FaultInjectionTest} shares {@code AcceleratorTest}'s build.
   */
  private static Simulation start(FuzzCase configuration, Path folder) {
    Simulation sim = CaseRunner.build(CaseRunner.generate(configuration, folder), BuildProfile.FAST_SIMULATION);
    try {
      CaseRunner.setUp(sim, configuration);
    } catch (CaseFailure e) {
      sim.close();
      throw e;
    }
    return sim;
  }

  /** One scenario on a started simulation: the fault, its checks, the next job. */
  private static final class Injection {
    private final FaultScenario scenario;
    private final AcceleratorDriver driver;
    private final AxiMemoryModel memory;
    private final StringBuilder report = new StringBuilder();
    private int exactJobs;
    private final Random random;
    private final ElementType input;
    private final ElementType weight;
    private final AcceleratorGemms gemms;

    Injection(FaultScenario scenario, AcceleratorDriver driver) {
      this.scenario = scenario;
      this.driver = driver;
      this.memory = driver.memory();
      this.random = new Random(scenario.seed());
      this.input = scenario.configuration().elementType("input");
      this.weight = scenario.configuration().elementType("weight");
      this.gemms = new AcceleratorGemms(driver, input, weight, random);
    }

    void run() {
      switch (scenario.fault()) {
        case READ_ERROR -> errorResponse(true);
        case WRITE_ERROR -> errorResponse(false);
        case STALLS -> stalls();
        case RESET_IN_READ -> resetInTransfer(true);
        case RESET_IN_WRITE -> resetInTransfer(false);
        case HANG -> hang();
      }
      nextJob();
    }

    /**
     * SLVERR or DECERR on a random range starting in one row of A or B (reads) or of C (writes),
     * under light random stalls. A store answered with an error must leave the range unwritten, and
     * as an engine goes on after an error, every element of C that no failing burst can have
     * carried ({@link #reach}) must be exact.
     */
    private void errorResponse(boolean reads) {
      memory.seed(random.nextLong()).stallAll(random.nextInt(2) == 0 ? 0 : 0.3 * random.nextDouble());
      AcceleratorGemms.Placed job = gemms.place("the faulty job", false);
      GemmSpec spec = job.spec();
      Matrix matrix = !reads ? Matrix.c(spec) : random.nextBoolean() ? Matrix.a(spec) : Matrix.b(spec);
      int row = random.nextInt(matrix.rows());
      long first = random.nextInt((int) matrix.rowBytes());
      long low = matrix.address(row, first);
      // Inside the row, or a quarter of the time on into the padding and the next row.
      long span = matrix.rowBytes() - first + (random.nextInt(4) == 0 ? matrix.stride() : 0);
      long high = low + 1 + random.nextInt((int) span);
      AxiResponse response = random.nextBoolean() ? AxiResponse.SLVERR : AxiResponse.DECERR;
      String event = reads ? "load_error" : "store_error";
      memory.addErrorRange(low, high, response, reads, !reads).resetCounters();
      driver.host().write("irq_enable", driver.eventMask(event));
      report.append(response).append(" on ").append(reads ? "reads" : "writes").append(" of [0x")
          .append(Long.toHexString(low)).append(", 0x").append(Long.toHexString(high)).append(") from row ")
          .append(row).append(" of ").append(matrix).append(" (").append(job.what()).append(")");
      runToFence(job, "the job with the error response");
      long burstBytes = (long) scenario.configuration().integer("maxBurst", 256) * driver.shape().busBytes();
      long address = FaultChecks.requireErrorReported(driver, reads, response, low, high, burstBytes);
      report.append(": ").append(event).append(" at 0x").append(Long.toHexString(address));
      if (!reads) {
        requireUnwritten(low, high, response);
      }
      // The loads read A and B, whose rows may share a beat: a burst of either can touch the range.
      List<Matrix> moved = reads ? List.of(Matrix.a(spec), Matrix.b(spec)) : List.of(Matrix.c(spec));
      LongPredicate reached = reach(low, high, moved, driver.shape().busBytes(), burstBytes);
      report.append(", ").append(requireUnreachedExact(job, reads, reached)).append(" of ")
          .append(spec.m() * spec.n()).append(" elements of C outside the failing bursts exact");
      driver.clearEvents(driver.eventMask(event));
      driver.host().write("irq_enable", 0);
      memory.clearErrorRanges();
    }

    private void requireUnwritten(long low, long high, AxiResponse response) {
      byte[] range = memory.read(low, (int) (high - low));
      for (int i = 0; i < range.length; i++) {
        require(range[i] == AcceleratorGemms.MARKER, "byte 0x" + Long.toHexString(low + i) + " of the range"
            + " answered " + response + " was written");
      }
    }

    /**
     * Every element of C exact that does not depend on a byte {@code reached}: of its row of A or
     * its column of B ({@code reads}), or of its own bytes of C.
     *
     * @return how many elements were checked
     */
    private long requireUnreachedExact(AcceleratorGemms.Placed job, boolean reads, LongPredicate reached) {
      GemmSpec spec = job.spec();
      Matrix a = Matrix.a(spec);
      Matrix b = Matrix.b(spec);
      Matrix c = Matrix.c(spec);
      int elementBytes = spec.outputElementBytes();
      BiPredicate<Integer, Integer> unaffected = reads
          ? (i, j) -> LongStream.range(0, spec.k())
              .noneMatch(x -> reached.test(a.address(i, x)) || reached.test(b.address((int) x, j)))
          : (i, j) -> LongStream.range(0, elementBytes)
              .noneMatch(t -> reached.test(c.address(i, (long) j * elementBytes + t)));
      gemms.checkWhere(job, unaffected);
      return IntStream.range(0, spec.m())
          .mapToLong(i -> IntStream.range(0, spec.n()).filter(j -> unaffected.test(i, j)).count()).sum();
    }

    /**
     * The bytes a burst touching {@code [low, high)} can carry: the engines move each of
     * {@code matrices} row by row in bus-aligned bursts of at most {@code burstBytes}, so such a
     * burst lies in a row's bus-aligned extent that overlaps the range (the model fails a burst
     * whose addresses touch it, strobed or not: a neighbouring row's first beat may, of the same
     * matrix or of the other one the loads read), and within a burst's length of it.
     */
    private static LongPredicate reach(long low, long high, List<Matrix> matrices, int busBytes, long burstBytes) {
      long near = Math.floorDiv(low, busBytes) * busBytes - burstBytes + busBytes;
      long far = Math.floorDiv(high + busBytes - 1, busBytes) * busBytes + burstBytes - busBytes;
      List<long[]> extents = new ArrayList<>();
      for (Matrix matrix : matrices) {
        for (int r = 0; r < matrix.rows(); r++) {
          long start = Math.floorDiv(matrix.address(r, 0), busBytes) * busBytes;
          long end = Math.floorDiv(matrix.address(r, 0) + matrix.rowBytes() + busBytes - 1, busBytes) * busBytes;
          if (start < high && end > low) {
            extents.add(new long[] {start, end});
          }
        }
      }
      return address -> address >= near && address < far
          && extents.stream().anyMatch(extent -> address >= extent[0] && address < extent[1]);
    }

    /** Latencies of 1000 to 5000 cycles and a random stall probability per channel: only time is lost. */
    private void stalls() {
      int readLatency = 1000 + random.nextInt(4001);
      int writeLatency = 1000 + random.nextInt(4001);
      memory.seed(random.nextLong()).readLatency(readLatency).writeLatency(writeLatency);
      StringBuilder stalls = new StringBuilder();
      for (AxiChannel channel : AxiChannel.values()) {
        double probability = 0.9 * random.nextDouble();
        memory.stall(channel, probability);
        stalls.append(' ').append(channel).append(String.format(" %.2f", probability));
      }
      AcceleratorGemms.Placed job = gemms.place("the stalled job", false);
      report.append("read latency ").append(readLatency).append(", write latency ").append(writeLatency)
          .append(", stalls").append(stalls).append(" (").append(job.what()).append(")");
      AcceleratorDriver.Run run = runToFence(job, "the stalled job");
      gemms.check(job, run);
      exactJobs++;
      FaultChecks.requireNoErrorEvent(driver, "after the stalled job");
      // A load's data comes before the compute, whose results the store writes before the FENCE.
      require(run.cycles() > readLatency + writeLatency, "the stalled job took " + run.cycles() + " cycles, less"
          + " than its read and write latencies");
      report.append(": exact in ").append(run.cycles()).append(" cycles");
    }

    /**
     * Submits a GEMM to the sequencer and resets the accelerator (2 to 7 cycles) in one of three
     * phases of a read (or write) burst, drawn at random: its address offered to a slave that
     * stalls it, the burst accepted and its data (or response) awaited, or its data beats offered.
     * The phases with a valid signal reset on the j-th cycle it is high after the submission, j
     * below the bursts or beats the job must still move, so the transfer is surely in flight.
     */
    private void resetInTransfer(boolean reads) {
      int phase = random.nextInt(3);
      int awaited = 200 + random.nextInt(800);
      memory.seed(random.nextLong())
          .readLatency(!reads ? 1 + random.nextInt(20) : phase == 1 ? awaited : 100 + random.nextInt(400))
          .writeLatency(!reads ? (phase == 1 ? awaited : 1 + random.nextInt(20)) : 1)
          .stall(reads ? AxiChannel.AR : AxiChannel.AW, phase == 0 ? 0.5 + 0.45 * random.nextDouble() : 0)
          .stall(reads ? AxiChannel.R : AxiChannel.W, phase != 2 ? 0 : reads ? 0.5 * random.nextDouble()
              : 0.5 + 0.45 * random.nextDouble());
      AcceleratorGemms.Placed job = gemms.place("the job reset mid-transfer", true);
      GemmSpec spec = job.spec();
      AcceleratorShape shape = driver.shape();
      memory.resetCounters();
      driver.submit(GemmCommand.words(spec, GemmTiler.chooseTiling(shape, spec, driver.maxTokens())), SUBMIT_CYCLES);
      Simulation sim = driver.simulation();
      String inFlight = phase == 1 ? awaitedBurst(reads, awaited) : offeredBurst(reads, phase == 0, spec);
      int cycles = 2 + random.nextInt(6);
      AxiCounters during = memory.counters();
      String where = "after a reset of " + cycles + " cycles at cycle " + sim.cycle() + " with " + inFlight + " ("
          + (reads ? during.readBursts() + " read bursts, " + during.readBeats() : during.writeBursts()
          + " write bursts, " + during.writeBeats()) + " beats so far)";
      report.append(where).append(" (").append(job.what()).append(")");
      sim.reset(cycles);
      FaultChecks.requireIdleWithoutEvents(driver, where);
      report.append(": idle, no event");
    }

    /**
     * Runs to the j-th cycle with AR (AW) valid, or with R (W) valid: j random below the bursts
     * (every row of A and B, or of C, is one at least) or the beats (the bytes over the bus width)
     * the job has still to move.
     */
    private String offeredBurst(boolean reads, boolean address, GemmSpec spec) {
      long bytes = reads ? (long) spec.m() * spec.k() + (long) spec.k() * spec.n() : 4L * spec.m() * spec.n();
      long busBytes = driver.shape().busBytes();
      long least = address ? (reads ? spec.m() + spec.k() : spec.m()) : (bytes + busBytes - 1) / busBytes;
      AxiCounters so = memory.counters();
      long moved = address ? (reads ? so.readBursts() : so.writeBursts()) : reads ? so.readBeats() : so.writeBeats();
      String what = (reads ? address ? "AR" : "R" : address ? "AW" : "W") + " valid";
      require(least > moved, "the job moved its " + (address ? "bursts" : "beats") + " while it was submitted: " + so);
      long nth = random.nextInt((int) Math.min(least - moved, 1 << 20));
      Simulation sim = driver.simulation();
      Port valid = sim.port("m_axi_" + what.substring(0, what.indexOf(' ')).toLowerCase(Locale.ROOT) + "valid");
      sim.runUntil(valid.is(1), MAX_CYCLES);
      for (long i = 0; i < nth; i++) {
        sim.step();
        sim.runUntil(valid.is(1), MAX_CYCLES);
      }
      return what + " (its cycle " + (nth + 1) + " of at least " + (least - moved) + ")";
    }

    /**
     * Runs to the first read burst's address (or past the end of the first write data), then fewer
     * than half the model's {@code latency} cycles on: the burst is accepted, its data (response)
     * not yet given.
     */
    private String awaitedBurst(boolean reads, int latency) {
      Simulation sim = driver.simulation();
      if (reads) {
        sim.runUntil(sim.port("m_axi_arvalid").is(1), MAX_CYCLES);
      } else {
        Port valid = sim.port("m_axi_wvalid");
        sim.runUntil(valid.is(1), MAX_CYCLES);
        sim.runUntil(valid.is(0), MAX_CYCLES);
      }
      sim.step(1 + random.nextInt(latency / 2));
      AxiCounters so = memory.counters();
      boolean accepted = reads ? so.readBursts() > 0 && so.readBeats() == 0
          : so.writeBeats() > 0 && sim.port("m_axi_bvalid").get() == 0;
      require(accepted, "no burst awaits its " + (reads ? "data" : "response") + ": " + so);
      return reads ? "a read burst awaiting its data" : "a write burst awaiting its response";
    }

    /** AR, AW or W never ready: the job fails naming the cycle and the channel; a reset recovers. */
    private void hang() {
      AxiChannel channel = READY_CHANNELS[random.nextInt(READY_CHANNELS.length)];
      long limit = 20_000 + random.nextInt(20_001);
      memory.stall(channel, 1.0);
      AcceleratorGemms.Placed job = gemms.place("the job that hangs", true);
      report.append(channel).append(" never ready, limit ").append(limit).append(" cycles (").append(job.what())
          .append(")");
      String message;
      try {
        gemms.execute(job, limit);
        throw new CaseFailure(CaseFailure.Stage.FAULT, "the job finished although " + channel + " was never ready");
      } catch (IllegalStateException e) {
        message = e.getMessage();
      }
      long cycle = FaultChecks.requireHangNamed(message, limit, channel);
      memory.stall(channel, 0);
      driver.simulation().reset(4);
      FaultChecks.requireIdleWithoutEvents(driver, "after the reset that ends the hang");
      report.append(": named at cycle ").append(cycle).append(", idle after a reset");
    }

    /** The next random GEMM, under random stalls and latencies, bit-exact, with no error event. */
    private void nextJob() {
      AcceleratorGemms.run(driver, input, weight, random, 1);
      exactJobs++;
      FaultChecks.requireNoErrorEvent(driver, "after the next job");
      report.append("; next job exact");
    }

    private AcceleratorDriver.Run runToFence(AcceleratorGemms.Placed job, String what) {
      try {
        return gemms.execute(job, MAX_CYCLES);
      } catch (IllegalStateException e) {
        throw new CaseFailure(CaseFailure.Stage.FAULT, what + " did not finish: " + e.getMessage(), e);
      }
    }
  }

  /** A matrix of a GEMM in main memory, as the engines move it: rows of {@code rowBytes}, {@code stride} apart. */
  private record Matrix(String name, long base, int rows, long rowBytes, long stride) {
    static Matrix a(GemmSpec spec) {
      return new Matrix("A", spec.aAddress(), spec.m(), spec.k(), spec.lda());
    }

    static Matrix b(GemmSpec spec) {
      return new Matrix("B", spec.bAddress(), spec.k(), spec.n(), spec.ldb());
    }

    static Matrix c(GemmSpec spec) {
      return new Matrix("C", spec.cAddress(), spec.m(), (long) spec.n() * spec.outputElementBytes(), spec.ldc());
    }

    long address(int row, long offset) {
      return base + row * stride + offset;
    }

    /** {@code A at 0x13 (17 rows of 11 bytes, 13 apart)}, for a scenario's line. */
    @Override
    public String toString() {
      return name + " at 0x" + Long.toHexString(base) + " (" + rows + " rows of " + rowBytes + " bytes, " + stride
          + " apart)";
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new CaseFailure(CaseFailure.Stage.FAULT, message);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
