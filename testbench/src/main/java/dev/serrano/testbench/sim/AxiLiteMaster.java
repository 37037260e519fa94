package dev.serrano.testbench.sim;

import dev.serrano.testbench.design.BusSpec;
import dev.serrano.testbench.design.RegisterMapSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The AXI4-Lite master attached to an AXI4-Lite slave bus of a design (a register block): C++
 * inside the simulation library, so a batch of operations, and a poll that waits for a status bit,
 * run natively without crossing JNA per cycle. Obtain it with {@link Simulation#axiLite(String)};
 * docs/host-interface.md has the full contract.
 *
 * <pre>{@code
 * AxiLiteMaster host = sim.axiLite("s_axi");
 * host.write("ctrl", 1);                              // by name, from the interface JSON's register map
 * long id = host.read("id");
 * host.poll("status", "busy", 0, 10_000);             // re-reads until the field is 0
 * List<AxiLiteResult> results = host.batch()
 *     .write(0x40, 0x0100_0001L).write(0x44, 0x8000_0000L).read(0x10)
 *     .run(10_000);                                   // one native call for the whole batch
 * }</pre>
 *
 * <p>Operations run one at a time in queue order. A write raises AWVALID and WVALID (each after its
 * own random delay, when delays are set), then takes BRESP; a read raises ARVALID, then takes RDATA
 * and RRESP; a poll re-reads until {@code (value & mask) == expected} with OKAY, or until its cycle
 * limit has passed since it started. The one-operation calls ({@link #write}, {@link #read},
 * {@link #poll}) run until done and throw {@link AxiLiteResponseException} on a non-OKAY response
 * or an unmatched poll; {@link Batch#run} returns every result instead. {@link #submit} queues
 * without running, for a test that steps the simulation itself ({@link #idle}, {@link #collect}).
 * The master checks the slave's side of the protocol; a violation ends the simulation with an
 * {@link AxiProtocolException} (channel B or R). Every queued operation and run is on the tape.
 */
public final class AxiLiteMaster {

  /** An operation kind; the ordinal + 1 is the native code. */
  public enum Operation { WRITE, READ, POLL }

  private static final int SEED = 5;
  private static final int RESET_COUNTERS = 9;
  private static final int DELAY = 10;
  private static final long DEFAULT_MAX_CYCLES = 1_000_000;

  private final Simulation simulation;
  private final BusSpec spec;
  private final int index;
  private RegisterMapSpec registers;
  // Operations queued natively and not yet collected, to label their results.
  private final ArrayDeque<long[]> pending = new ArrayDeque<>();
  private final long[] resultBuffer = new long[2 * 256];

  AxiLiteMaster(Simulation simulation, BusSpec spec, int index) {
    this.simulation = simulation;
    this.spec = spec;
    this.index = index;
  }

  public String name() {
    return spec.name();
  }

  public BusSpec spec() {
    return spec;
  }

  /** The design's register map (from the interface JSON), read on first use. */
  public RegisterMapSpec registers() {
    if (registers == null) {
      registers = simulation.design().registerMap();
      if (registers.isEmpty()) {
        throw new IllegalStateException("design " + simulation.design().top() + " lists no \"registers\" in its"
            + " interface JSON; address registers by offset");
      }
    }
    return registers;
  }

  /** Restarts the delay streams from {@code seed} (default 0). */
  public AxiLiteMaster seed(long seed) {
    configure(SEED, seed, 0);
    return this;
  }

  /**
   * Random delays: each cycle, with probability {@code valid} the master waits before raising a
   * VALID it could raise, and with probability {@code ready} it holds RREADY / BREADY low (0 to 1;
   * default 0 and 0).
   */
  public AxiLiteMaster delays(double valid, double ready) {
    if (!(valid >= 0 && valid <= 1 && ready >= 0 && ready <= 1)) {
      throw new IllegalArgumentException("bus " + name() + ": delay probabilities must be 0 to 1, got " + valid
          + " and " + ready);
    }
    configure(DELAY, Math.round(valid * 4294967296.0), Math.round(ready * 4294967296.0));
    return this;
  }

  // ---- one operation, run until done ----

  public void write(long address, long data) {
    expectOkay(batch().write(address, data).run(DEFAULT_MAX_CYCLES).get(0));
  }

  public long read(long address) {
    return expectOkay(batch().read(address).run(DEFAULT_MAX_CYCLES).get(0)).value();
  }

  /** Re-reads {@code address} until {@code (value & mask) == expected}; returns the value read last. */
  public long poll(long address, long mask, long expected, long maxCycles) {
    return expectOkay(batch().poll(address, mask, expected, maxCycles).run(maxCycles + 64).get(0)).value();
  }

  public void write(String register, long data) {
    write(registers().offset(register), data);
  }

  public long read(String register) {
    return read(registers().offset(register));
  }

  /** Re-reads {@code register} until its {@code field} equals {@code value}. */
  public long poll(String register, String field, long value, long maxCycles) {
    RegisterMapSpec.FieldSpec f = registers().field(register, field);
    return poll(registers().offset(register), f.mask(), f.insert(0, value), maxCycles);
  }

  /** Writes a whole command: its words in order, the last one pushing it. */
  public void command(String command, long... words) {
    List<RegisterMapSpec.RegisterSpec> registers = registers().commandWords(command);
    if (words.length != registers.size()) {
      throw new IllegalArgumentException("command " + command + " has " + registers.size() + " words, got "
          + words.length);
    }
    Batch batch = batch();
    for (int i = 0; i < words.length; i++) {
      batch.write(registers.get(i).offset(), words[i]);
    }
    batch.run(DEFAULT_MAX_CYCLES).forEach(AxiLiteMaster::expectOkay);
  }

  // ---- batches ----

  public Batch batch() {
    return new Batch();
  }

  /** Operations collected in Java and queued natively in one call. */
  public final class Batch {
    private final List<long[]> ops = new ArrayList<>();

    public Batch write(long address, long data) {
      return write(address, data, 0xf);
    }

    /** A write with byte strobes {@code strobes} (bit i enables byte i). */
    public Batch write(long address, long data, int strobes) {
      checkAddress(address);
      if (strobes < 0 || strobes > 0xf) {
        throw new IllegalArgumentException("bus " + name() + ": strobes must be 0 to 0xf, got " + strobes);
      }
      ops.add(new long[] {1, address, (data & 0xffff_ffffL) | (long) strobes << 32, 0});
      return this;
    }

    public Batch write(String register, long data) {
      return write(registers().offset(register), data);
    }

    public Batch read(long address) {
      checkAddress(address);
      ops.add(new long[] {2, address, 0, 0});
      return this;
    }

    public Batch read(String register) {
      return read(registers().offset(register));
    }

    public Batch poll(long address, long mask, long expected, long maxCycles) {
      checkAddress(address);
      if (maxCycles < 1) {
        throw new IllegalArgumentException("bus " + name() + ": a poll needs at least 1 cycle, got " + maxCycles);
      }
      ops.add(new long[] {3, address, (expected & 0xffff_ffffL) | (mask & 0xffff_ffffL) << 32, maxCycles});
      return this;
    }

    /** Operations added and not yet submitted. */
    public int size() {
      return ops.size();
    }

    /** Queues the operations natively without running cycles. */
    public void submit() {
      long[] flat = new long[4 * ops.size()];
      for (int i = 0; i < ops.size(); i++) {
        System.arraycopy(ops.get(i), 0, flat, 4 * i, 4);
      }
      simulation.liteSubmit(index, flat, ops.size());
      pending.addAll(ops);
      ops.clear();
    }

    /** Queues the operations, runs until the master is idle, and returns every result collected. */
    public List<AxiLiteResult> run(long maxCycles) {
      submit();
      runUntilIdle(maxCycles);
      return collect();
    }
  }

  /**
   * Runs cycles until every queued operation is done; returns the cycles run.
   *
   * @throws SimulationException if {@code maxCycles} pass first
   */
  public long runUntilIdle(long maxCycles) {
    long start = simulation.cycle();
    if (!awaitIdle(maxCycles)) {
      throw new SimulationException("bus " + name() + ": " + pending.size() + " AXI4-Lite operations not done"
          + " within " + maxCycles + " cycles (from cycle " + start + " to " + simulation.cycle() + ")");
    }
    return simulation.cycle() - start;
  }

  /**
   * Runs cycles until every queued operation is done, or {@code maxCycles} pass; whether it got
   * there. What did complete can be {@link #collect}ed either way.
   */
  public boolean awaitIdle(long maxCycles) {
    return simulation.liteRun(index, maxCycles);
  }

  /** Whether nothing is queued or in flight. */
  public boolean idle() {
    return counters()[0] == counters()[1];
  }

  /** For {@link Simulation#reset}: a reset would leave queued or active operations unanswered forever. */
  void requireIdleForReset() {
    long[] counters = counters();
    if (counters[0] != counters[1]) {
      throw new IllegalStateException("bus " + name() + ": cannot reset with " + (counters[0] - counters[1])
          + " AXI4-Lite operations queued or in flight; run them first (runUntilIdle)");
    }
  }

  /** The results completed so far and not yet collected, in queue order. */
  public List<AxiLiteResult> collect() {
    List<AxiLiteResult> results = new ArrayList<>();
    int n;
    while ((n = simulation.liteResults(index, resultBuffer)) > 0) {
      for (int i = 0; i < n; i++) {
        long[] op = pending.removeFirst();
        long packed = resultBuffer[2 * i];
        results.add(new AxiLiteResult(Operation.values()[(int) op[0] - 1], op[1],
            op[0] == 1 ? 0 : packed & 0xffff_ffffL, AxiResponse.of((packed >>> 32) & 3),
            ((packed >>> 34) & 1) != 0, resultBuffer[2 * i + 1]));
      }
    }
    return results;
  }

  /**
   * Counters: operations submitted, completed, writes, reads (polls count once), poll reads,
   * error responses, handshakes checked, stability checks.
   */
  public long[] counters() {
    return simulation.busCounters(index);
  }

  public void resetCounters() {
    configure(RESET_COUNTERS, 0, 0);
  }

  @Override
  public String toString() {
    return name() + " (AXI4-Lite master, " + spec.addressWidth() + "-bit addresses)";
  }

  private void configure(int key, long a, long b) {
    if (!simulation.configureBus(index, key, a, b, 0)) {
      throw new IllegalStateException("bus " + name() + ": the master refused configuration key " + key);
    }
  }

  private void checkAddress(long address) {
    if (address < 0 || (spec.addressWidth() < 64 && address >>> spec.addressWidth() != 0)) {
      throw new IllegalArgumentException("bus " + name() + ": address 0x" + Long.toHexString(address)
          + " does not fit " + spec.addressWidth() + " bits");
    }
  }

  private static AxiLiteResult expectOkay(AxiLiteResult result) {
    if (!result.okay()) {
      throw new AxiLiteResponseException(result.operation() + " of 0x" + Long.toHexString(result.address())
          + " got " + result.response() + " at cycle " + result.cycle(), result);
    }
    if (!result.matched()) {
      throw new AxiLiteResponseException("poll of 0x" + Long.toHexString(result.address()) + " did not match;"
          + " last value 0x" + Long.toHexString(result.value()) + " at cycle " + result.cycle(), result);
    }
    return result;
  }
}
