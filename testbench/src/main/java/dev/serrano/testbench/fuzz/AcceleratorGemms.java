package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.lib.ElementType;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.AcceleratorShape;
import dev.serrano.testbench.accel.GemmProgram;
import dev.serrano.testbench.accel.GemmSpec;
import dev.serrano.testbench.accel.GemmTiler;
import dev.serrano.testbench.accel.Requantization;
import dev.serrano.testbench.sim.AxiMemoryModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiPredicate;

/**
 * Random GEMMs on a simulated {@code accelerator} through its registers ({@link AcceleratorDriver})
 * under random AXI stalls and latencies: shapes up to a few array sides (so most span several
 * K-folds, column tiles and blocks of the small memories), operands at unaligned addresses with
 * padded rows, issued through the GEMM sequencer or as the host program of {@link GemmTiler},
 * with int32 results or int8 through per-channel or per-tensor requantisation. Each C is checked
 * element by element against direct loops in the configured signedness, the bytes around its rows
 * must stay untouched, and the MAC slots and stored bytes must equal the tiler's figures.
 */
final class AcceleratorGemms {
  /** A hung program fails its case long before this on the small shapes drawn here. */
  private static final long MAX_CYCLES = 2_000_000;
  static final byte MARKER = 0x5a;
  private static final int GUARD = 64;

  private final AcceleratorDriver driver;
  private final ElementType input;
  private final ElementType weight;
  private final Random random;

  AcceleratorGemms(AcceleratorDriver driver, ElementType input, ElementType weight, Random random) {
    this.driver = driver;
    this.input = input;
    this.weight = weight;
    this.random = random;
  }

  /** Main memory of an accelerator with {@code addressWidth} address bits: all of it, at most 1 MiB. */
  static long memoryBytes(int addressWidth) {
    return 1L << Math.min(addressWidth, 20);
  }

  /**
   * Sets random stalls and latencies on the memory model, then runs {@code gemms} random GEMMs.
   *
   * @throws CaseFailure naming the GEMM and the first wrong value
   */
  static int run(AcceleratorDriver driver, ElementType input, ElementType weight, Random random, int gemms) {
    return run(driver, input, weight, random, gemms, true);
  }

  /**
   * As {@link #run(AcceleratorDriver, ElementType, ElementType, Random, int)}, with random stalls only if
   * {@code stalls} (a run replayed under Icarus has none: its bench models latencies, not stalls).
   */
  static int run(AcceleratorDriver driver, ElementType input, ElementType weight, Random random, int gemms,
      boolean stalls) {
    AxiMemoryModel memory = driver.memory();
    double drawn = random.nextInt(4) == 0 ? 0 : 0.05 + 0.3 * random.nextDouble();
    double stall = stalls ? drawn : 0;
    memory.seed(random.nextLong()).stallAll(stall).readLatency(1 + random.nextInt(40))
        .writeLatency(1 + random.nextInt(20));
    AcceleratorGemms bench = new AcceleratorGemms(driver, input, weight, random);
    for (int g = 0; g < gemms; g++) {
      bench.gemm("GEMM " + g + " (AXI stall " + String.format("%.2f", stall) + ")");
    }
    return gemms;
  }

  private void gemm(String name) {
    Placed gemm = place(name, false);
    check(gemm, execute(gemm));
  }

  /**
   * A GEMM placed in memory, not yet run: its spec, what it is (for messages), whether it goes
   * through the GEMM sequencer, and the accumulators direct loops give.
   */
  record Placed(GemmSpec spec, String what, boolean sequencer, int[] reference) {}

  /**
   * Draws a random GEMM, writes A and B at unaligned addresses with padded rows and fills C, its
   * padding and a guard after it with a marker. {@code plain}: int32 C through the GEMM sequencer
   * (three command words, no post-processing registers), which {@link AcceleratorDriver#submit}
   * can send without waiting.
   */
  Placed place(String name, boolean plain) {
    AcceleratorShape shape = driver.shape();
    int m = 1 + random.nextInt(4 * shape.arrayRows() + 5);
    int n = 1 + random.nextInt(3 * shape.arrayCols() + 2);
    int k = 1 + random.nextInt(3 * shape.arrayRows() + 2);
    boolean sequencer = plain || random.nextBoolean();
    boolean int8 = !plain && random.nextBoolean();
    int elementBytes = int8 ? 1 : 4;
    // Shrink until A, B and C with their padding and gaps fit the address space.
    long limit = driver.memory().size() - 3L * GUARD;
    while (m * (k + 2L) + k * (n + 2L) + m * (elementBytes * (n + 1L)) + GUARD > limit) {
      if (m >= n && m >= k) {
        m = Math.max(1, m / 2);
      } else if (n >= k) {
        n = Math.max(1, n / 2);
      } else {
        k = Math.max(1, k / 2);
      }
    }
    Requantization output = !int8 ? null : sequencer && n > shape.arrayCols() || random.nextBoolean()
        ? Requantization.randomPerTensor(n, -13, -9, random) : Requantization.random(n, -13, -9, random);
    boolean extreme = random.nextInt(4) == 0;
    byte[] a = operand(m * k, input, extreme);
    byte[] b = operand(k * n, weight, extreme);
    long lda = k + random.nextInt(3);
    long ldb = n + random.nextInt(3);
    long ldc = (long) elementBytes * (n + random.nextInt(2));
    long aAddress = random.nextInt(GUARD);
    long bAddress = aAddress + m * lda + random.nextInt(GUARD);
    long cAddress = bAddress + k * ldb + random.nextInt(GUARD);
    GemmSpec spec = new GemmSpec(m, n, k, aAddress, lda, bAddress, ldb, cAddress, ldc, output);
    String what = name + " M=" + m + " N=" + n + " K=" + k + (int8 ? " int8 C" : " int32 C")
        + (sequencer ? " through the GEMM sequencer" : " as a host program") + (extreme ? ", extreme values" : "");
    AxiMemoryModel memory = driver.memory();
    for (int i = 0; i < m; i++) {
      memory.write(aAddress + i * lda, Arrays.copyOfRange(a, i * k, (i + 1) * k));
    }
    for (int i = 0; i < k; i++) {
      memory.write(bAddress + i * ldb, Arrays.copyOfRange(b, i * n, (i + 1) * n));
    }
    memory.fill(cAddress, (int) (m * ldc) + GUARD, MARKER);
    return new Placed(spec, what, sequencer, reference(a, b, m, n, k));
  }

  /** Runs a placed GEMM to its FENCE; a hang throws the driver's IllegalStateException, which names where it hangs. */
  AcceleratorDriver.Run execute(Placed gemm, long maxCycles) {
    return gemm.sequencer() ? driver.gemm(gemm.spec(), maxCycles)
        : driver.runSteps(GemmTiler.tile(driver.shape(), gemm.spec(), driver.maxTokens()).steps(), maxCycles);
  }

  private AcceleratorDriver.Run execute(Placed gemm) {
    try {
      return execute(gemm, MAX_CYCLES);
    } catch (IllegalStateException e) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, gemm.what() + ": " + e.getMessage(), e);
    }
  }

  /** C bit-exact, its padding and guard untouched, and the MAC slots and stored bytes the tiler's. */
  void check(Placed gemm, AcceleratorDriver.Run run) {
    checkResult(gemm.what(), gemm.spec(), gemm.reference(), (i, j) -> true);
    GemmProgram program = GemmTiler.tile(driver.shape(), gemm.spec(), driver.maxTokens());
    if (run.counter("mac_slots") != program.expectedTraffic().macSlots()
        || run.counter("dma_write_bytes") != program.expectedTraffic().storeBytes()) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, gemm.what() + ": counters mac_slots " + run.counter("mac_slots")
          + " and dma_write_bytes " + run.counter("dma_write_bytes") + ", the tiler expects "
          + program.expectedTraffic());
    }
  }

  /** Random bytes of {@code type}, or only its two ends. */
  private byte[] operand(int length, ElementType type, boolean extreme) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (extreme) {
      byte low = (byte) (type.signed() ? 0x80 : 0x00);
      byte high = (byte) (type.signed() ? 0x7f : 0xff);
      for (int i = 0; i < length; i++) {
        bytes[i] = random.nextBoolean() ? low : high;
      }
    }
    return bytes;
  }

  /** C = A x B in plain int arithmetic (exact for these sizes), elements read in their configured signedness. */
  private int[] reference(byte[] a, byte[] b, int m, int n, int k) {
    int[] c = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int x = 0; x < k; x++) {
        int av = value(a[i * k + x], input);
        for (int j = 0; j < n; j++) {
          c[i * n + j] += av * value(b[x * n + j], weight);
        }
      }
    }
    return c;
  }

  private static int value(byte element, ElementType type) {
    return type.signed() ? element : element & 0xff;
  }

  /**
   * C exact wherever {@code known(i, j)} (elsewhere a fault may have changed it), its padding and
   * the guard after it untouched.
   */
  void checkWhere(Placed gemm, BiPredicate<Integer, Integer> known) {
    checkResult(gemm.what(), gemm.spec(), gemm.reference(), known);
  }

  private void checkResult(String what, GemmSpec spec, int[] acc, BiPredicate<Integer, Integer> known) {
    int n = spec.n();
    int rowBytes = n * spec.outputElementBytes();
    for (int i = 0; i < spec.m(); i++) {
      ByteBuffer row = ByteBuffer.wrap(driver.memory().read(spec.cAddress() + i * spec.ldc(), (int) spec.ldc()))
          .order(ByteOrder.LITTLE_ENDIAN);
      for (int j = 0; j < n; j++) {
        if (!known.test(i, j)) {
          continue;
        }
        int expected = spec.output() == null ? acc[i * n + j] : spec.output().apply(acc[i * n + j], j);
        int actual = spec.output() == null ? row.getInt(4 * j) : row.get(j);
        if (actual != expected) {
          throw new CaseFailure(CaseFailure.Stage.GEMM, what + ": C[" + i + "][" + j + "] is " + actual
              + ", expected " + expected);
        }
      }
      for (int x = rowBytes; x < spec.ldc(); x++) {
        requireMarker(what, row.get(x), "padding byte " + (x - rowBytes) + " of C row " + i);
      }
    }
    byte[] guard = driver.memory().read(spec.cAddress() + spec.m() * spec.ldc(), GUARD);
    for (int x = 0; x < GUARD; x++) {
      requireMarker(what, guard[x], "byte " + x + " after C");
    }
  }

  private static void requireMarker(String what, byte value, String where) {
    if (value != MARKER) {
      throw new CaseFailure(CaseFailure.Stage.GEMM, what + ": " + where + " was overwritten (0x"
          + Integer.toHexString(value & 0xff) + ")");
    }
  }
}
