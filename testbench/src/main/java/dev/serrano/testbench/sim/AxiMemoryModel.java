package dev.serrano.testbench.sim;

import com.sun.jna.Pointer;
import dev.serrano.testbench.design.BusSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The AXI4 slave memory model attached to one bus of a design (the design is the master). It is
 * C++ inside the simulation library and runs every cycle natively: a burst never crosses JNA.
 * Obtain it with {@link Simulation#axi(String)}; docs/simulation.md ("AXI4 memory model") has the
 * full contract.
 *
 * <p>Contract, in short: the model accepts up to {@link #outstanding} read and write bursts (default
 * 16 each), answers in AR (resp. AW) order, takes W beats only for bursts whose AW it accepted, and
 * supports INCR, FIXED and WRAP bursts, narrow and unaligned, with byte strobes. The first R beat of
 * a burst can be taken {@link #readLatency} edges after the AR handshake (default 1: the next edge);
 * BVALID can be taken {@link #writeLatency} edges after the last W handshake (default 1). With a
 * stall probability p on a channel, each cycle the model withholds ARREADY / AWREADY / WREADY, or
 * does not raise RVALID / BVALID, with probability p, deterministically from the {@link #seed}; once
 * it raises RVALID / BVALID it holds them and their payload until RREADY / BREADY. Bursts touching an
 * error range, or bytes outside the memory (DECERR), get the error on every R beat (data zero) or in
 * BRESP (nothing written). A protocol violation ends the simulation with an {@link AxiProtocolException}.
 *
 * <p>Configuration may change before or between steps. Latencies and error ranges apply to bursts
 * accepted from the next edge on; stall probabilities, seed and outstanding limits from the cycle
 * after it (the model's outputs for the next edge are already driven).
 *
 * <p>Memory: {@link #contents()} is a zero-copy view of the model's bytes (index 0 = {@link #base()}).
 * With a tape ({@link SimulationOptions#withTape}) or another {@link SimulationListener} it is
 * read-only, and writes must go through {@link #write} or {@link #fill} so they are recorded.
 */
public final class AxiMemoryModel {

  private static final int MEMORY = 1;
  private static final int READ_LATENCY = 2;
  private static final int WRITE_LATENCY = 3;
  private static final int STALL = 4;
  private static final int SEED = 5;
  private static final int OUTSTANDING = 6;
  private static final int ERROR_ADD = 7;
  private static final int ERROR_CLEAR = 8;
  private static final int RESET_COUNTERS = 9;
  private static final int RESET = 11;
  private static final long PAGE = 4096;
  private static final long MAX_MEMORY = 1L << 30;
  private static final int MAX_OUTSTANDING = 256;

  private final Simulation simulation;
  private final BusSpec spec;
  private final int index;
  private ByteBuffer contents;
  private long base;

  AxiMemoryModel(Simulation simulation, BusSpec spec, int index) {
    this.simulation = simulation;
    this.spec = spec;
    this.index = index;
    bindMemory();
  }

  public String name() {
    return spec.name();
  }

  public BusSpec spec() {
    return spec;
  }

  /**
   * Replaces the memory with {@code size} zero bytes at address {@code base} (both multiples of
   * 4096; size up to 1 GiB). Fails while bursts are outstanding. Buffers from an earlier
   * {@link #contents()} stay readable but no longer show the model's memory.
   */
  public AxiMemoryModel memory(long base, long size) {
    if (base < 0 || base % PAGE != 0 || size <= 0 || size % PAGE != 0 || size > MAX_MEMORY) {
      throw new IllegalArgumentException("bus " + name() + ": base and size must be multiples of 4096 and the size"
          + " 4 KiB to 1 GiB; got base 0x" + Long.toHexString(base) + ", size " + size);
    }
    if (!simulation.configureBus(index, MEMORY, base, size, 0)) {
      throw new IllegalStateException("bus " + name() + ": the memory cannot change while bursts are outstanding");
    }
    bindMemory();
    return this;
  }

  /** The address of the memory's first byte. */
  public long base() {
    return base;
  }

  /** The memory's size in bytes. */
  public long size() {
    return contents.capacity();
  }

  /** Edges from the AR handshake to the first possible R handshake, at least 1 (default 1). */
  public AxiMemoryModel readLatency(int cycles) {
    configure(READ_LATENCY, checkLatency(cycles, "read"), 0, 0);
    return this;
  }

  /** Edges from the last W handshake to the first possible B handshake, at least 1 (default 1). */
  public AxiMemoryModel writeLatency(int cycles) {
    configure(WRITE_LATENCY, checkLatency(cycles, "write"), 0, 0);
    return this;
  }

  /** The probability (0 to 1) that the model stalls {@code channel} in a cycle (default 0). */
  public AxiMemoryModel stall(AxiChannel channel, double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("bus " + name() + ": stall probability must be 0 to 1, got " + probability);
    }
    configure(STALL, channel.ordinal(), Math.round(probability * 4294967296.0), 0);
    return this;
  }

  /** The same stall probability on all five channels. */
  public AxiMemoryModel stallAll(double probability) {
    for (AxiChannel channel : AxiChannel.values()) {
      stall(channel, probability);
    }
    return this;
  }

  /** Restarts the stall streams from {@code seed} (default 0). */
  public AxiMemoryModel seed(long seed) {
    configure(SEED, seed, 0, 0);
    return this;
  }

  /** Bursts accepted and not yet answered, per direction, 1 to 256 (default 16 each). */
  public AxiMemoryModel outstanding(int reads, int writes) {
    if (reads < 1 || reads > MAX_OUTSTANDING || writes < 1 || writes > MAX_OUTSTANDING) {
      throw new IllegalArgumentException("bus " + name() + ": outstanding limits must be 1 to " + MAX_OUTSTANDING
          + ", got " + reads + " reads and " + writes + " writes");
    }
    configure(OUTSTANDING, reads, writes, 0);
    return this;
  }

  /**
   * Bursts touching any byte of {@code [low, high)} get {@code response} (SLVERR or DECERR), if they
   * are reads and {@code reads}, or writes and {@code writes}. Ranges are checked in the order added,
   * before the out-of-memory DECERR.
   */
  public AxiMemoryModel addErrorRange(long low, long high, AxiResponse response, boolean reads, boolean writes) {
    if (Long.compareUnsigned(low, high) >= 0) {
      throw new IllegalArgumentException("bus " + name() + ": error range [0x" + Long.toHexString(low) + ", 0x"
          + Long.toHexString(high) + ") is empty");
    }
    if (response != AxiResponse.SLVERR && response != AxiResponse.DECERR) {
      throw new IllegalArgumentException("bus " + name() + ": an error range answers SLVERR or DECERR, not " + response);
    }
    if (!reads && !writes) {
      throw new IllegalArgumentException("bus " + name() + ": an error range must apply to reads, writes or both");
    }
    configure(ERROR_ADD, low, high, response.code() | ((reads ? 1 : 0) | (writes ? 2 : 0)) << 8);
    return this;
  }

  public AxiMemoryModel clearErrorRanges() {
    configure(ERROR_CLEAR, 0, 0, 0);
    return this;
  }

  /**
   * The model's memory, zero-copy: a direct little-endian buffer whose index 0 is address
   * {@link #base()}, valid while the simulation is open (read-only while the simulation is recorded).
   * The buffer itself cannot check: used after {@link Simulation#close} it reads freed native memory
   * and may crash the JVM (docs/hardening.md, "Simulator safety"); {@link #read} and {@link #write} check.
   */
  public ByteBuffer contents() {
    simulation.checkUsable();
    ByteBuffer view = simulation.recording() ? contents.asReadOnlyBuffer() : contents.duplicate();
    return view.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Copies {@code data} into the memory from {@code address} on. */
  public void write(long address, byte[] data) {
    write(address, ByteBuffer.wrap(data));
  }

  /** Copies the remaining bytes of {@code data} into the memory from {@code address} on. */
  public void write(long address, ByteBuffer data) {
    int offset = offset(address, data.remaining());
    simulation.recordBusWrite(index, offset, data);
    contents.duplicate().position(offset).put(data.duplicate());
  }

  /** {@code length} bytes from {@code address} on. */
  public byte[] read(long address, int length) {
    int offset = offset(address, length);
    byte[] bytes = new byte[length];
    contents.duplicate().position(offset).get(bytes);
    return bytes;
  }

  /** Sets {@code length} bytes from {@code address} on to {@code value}. */
  public void fill(long address, int length, byte value) {
    int offset = offset(address, length);
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    simulation.recordBusWrite(index, offset, ByteBuffer.wrap(bytes));
    contents.duplicate().position(offset).put(bytes);
  }

  public AxiCounters counters() {
    return AxiCounters.of(simulation.busCounters(index));
  }

  public void resetCounters() {
    configure(RESET_COUNTERS, 0, 0, 0);
  }

  /**
   * The five channels' handshake signals now, to say where a hung design waits, e.g.
   * {@code "m_axi at cycle 5120: AR valid without ready (3000 stall cycles so far), R B AW W idle"}.
   * A memory stall shows as AR, AW or W valid without ready, a master that stopped taking
   * responses as R or B valid without ready. Reads ports only: no native call.
   */
  public String handshakes() {
    AxiCounters counters = counters();
    List<String> waiting = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    for (AxiChannel channel : AxiChannel.values()) {
      String prefix = channel.name().toLowerCase(Locale.ROOT);
      boolean valid = simulation.port(spec.port(prefix + "valid")).get() != 0;
      boolean ready = simulation.port(spec.port(prefix + "ready")).get() != 0;
      if (valid && !ready) {
        waiting.add(channel + " valid without ready (" + counters.stalls(channel) + " stall cycles so far)");
      } else if (valid) {
        waiting.add(channel + " valid and ready");
      } else {
        idle.add(channel.name());
      }
    }
    return name() + " at cycle " + simulation.cycle() + ": " + String.join(", ", waiting)
        + (idle.isEmpty() ? "" : (waiting.isEmpty() ? "" : ", ") + String.join(" ", idle) + " idle");
  }

  /**
   * Follows the design's reset (the bus's ARESETn): asserted, the model forgets every burst in
   * flight and drives every READY and VALID low until released.
   */
  void reset(boolean asserted) {
    configure(RESET, asserted ? 1 : 0, 0, 0);
  }

  @Override
  public String toString() {
    return name() + " (AXI4, " + spec.dataWidth() + "-bit data, memory 0x" + Long.toHexString(base) + " + "
        + size() + " bytes)";
  }

  private void configure(int key, long a, long b, long c) {
    if (!simulation.configureBus(index, key, a, b, c)) {
      throw new IllegalStateException("bus " + name() + ": the model refused configuration key " + key);
    }
  }

  private long checkLatency(int cycles, String which) {
    if (cycles < 1) {
      throw new IllegalArgumentException("bus " + name() + ": " + which + " latency must be at least 1, got " + cycles);
    }
    return cycles;
  }

  /** Checks the simulation is open and owned by this thread (its memory is freed on close), then the range. */
  private int offset(long address, int length) {
    simulation.checkUsable();
    if (length < 0 || address < base || address - base > contents.capacity() - (long) length) {
      throw new IndexOutOfBoundsException("bus " + name() + ": bytes 0x" + Long.toHexString(address) + " + " + length
          + " are outside the memory 0x" + Long.toHexString(base) + " to 0x"
          + Long.toHexString(base + contents.capacity()) + " (exclusive)");
    }
    return (int) (address - base);
  }

  private void bindMemory() {
    long[] baseAndSize = new long[2];
    long address = simulation.busMemory(index, baseAndSize);
    if (address == 0) {
      throw new IllegalStateException("bus " + name() + ": the model has no memory");
    }
    base = baseAndSize[0];
    contents = new Pointer(address).getByteBuffer(0, baseAndSize[1]).order(ByteOrder.LITTLE_ENDIAN);
  }
}
