package dev.serrano.testbench.accel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One GEMM-shaped workload on a simulated accelerator, end to end: operands placed in the AXI
 * memory model, the tiled program run through the registers, the result read back and compared
 * with the Java reference. What the demo ({@code scripts/run}) and the benchmarks report.
 *
 * @param name what the workload is (e.g. {@code "conv 3x3 s1"})
 * @param m rows of A and C; {@code n} columns of B and C; {@code k} the reduction
 * @param run cycles (first command write to the closing FENCE's event) and performance counters
 * @param simulationSeconds wall-clock time of the run (operand placement and checking excluded)
 * @param exact whether every output element equals the reference
 */
public record Workload(String name, int m, int n, int k, AcceleratorDriver.Run run, double simulationSeconds,
    boolean exact) {
  /** How the commands reach the accelerator. */
  public enum Issue {
    /** The host writes GemmTiler's whole program (any per-channel parameters). */
    HOST_PROGRAM,
    /** The host writes three words; the GEMM sequencer emits the program (one parameter set per column tile). */
    SEQUENCER
  }

  /** Where operands go: A at 0, then B and C, each on a 4 KiB boundary. */
  private static final long PAGE = 4096;

  public long cycles() {
    return run.cycles();
  }

  /** Simulated cycles per wall-clock second of the run (register writes and counter reads included). */
  public double cyclesPerSecond() {
    return run.cycles() / simulationSeconds;
  }

  /** Useful multiply-accumulates: M x N x K. */
  public long macs() {
    return (long) m * n * k;
  }

  /** Useful MACs per array MAC slot over the whole run: M x N x K / (R x C x cycles). */
  public double utilization(AcceleratorShape shape) {
    return (double) macs() / ((double) shape.arrayRows() * shape.arrayCols() * cycles());
  }

  /** Giga-operations per second (2 per MAC) at {@code clockMhz}. */
  public double gops(double clockMhz) {
    return 2.0 * macs() / cycles() * clockMhz / 1000.0;
  }

  /** Main-memory bytes a GEMM of this shape needs at the least (int8 A and B, C at its element size). */
  public static long memoryBytes(int m, int n, int k, int outputBytes) {
    return align((long) m * k) + align((long) k * n) + align((long) m * n * outputBytes) + PAGE;
  }

  /**
   * Runs {@code C = A x B} with A (m x k) and B (k x n) int8 row-major; int32 C when {@code output}
   * is null, else int8 through that requantisation. Checks C against direct loops.
   */
  public static Workload gemm(String name, AcceleratorDriver driver, int m, int n, int k, byte[] a, byte[] b,
      Requantization output, Issue issue, long maxCycles) {
    GemmSpec spec = spec(m, n, k, output);
    driver.memory().write(0, a);
    driver.memory().write(spec.bAddress(), b);
    int elementBytes = output == null ? 4 : 1;
    long start = System.nanoTime();
    AcceleratorDriver.Run run = issue == Issue.SEQUENCER ? driver.gemm(spec, maxCycles)
        : driver.runSteps(GemmTiler.tile(driver.shape(), spec, driver.maxTokens()).steps(), maxCycles);
    double seconds = (System.nanoTime() - start) / 1e9;
    byte[] c = driver.memory().read(spec.cAddress(), m * n * elementBytes);
    boolean exact = Arrays.equals(c, reference(a, b, m, n, k, output));
    return new Workload(name, m, n, k, run, seconds, exact);
  }

  /**
   * The GEMM {@link #gemm} runs: A (m x k) at 0, then B (k x n) and C (m x n), row-major, each on a
   * 4 KiB boundary; int32 C when {@code output} is null, else int8.
   */
  public static GemmSpec spec(int m, int n, int k, Requantization output) {
    long bAddress = align((long) m * k);
    long cAddress = bAddress + align((long) k * n);
    return new GemmSpec(m, n, k, 0, k, bAddress, n, cAddress, (long) n * (output == null ? 4 : 1), output);
  }

  /** The expected C bytes: int32 little endian, or int8 through {@code output}. */
  static byte[] reference(byte[] a, byte[] b, int m, int n, int k, Requantization output) {
    ByteBuffer c = ByteBuffer.allocate(m * n * (output == null ? 4 : 1)).order(ByteOrder.LITTLE_ENDIAN);
    int[] row = new int[n];
    for (int i = 0; i < m; i++) {
      Arrays.fill(row, 0);
      for (int x = 0; x < k; x++) {
        int av = a[i * k + x];
        if (av == 0) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          row[j] += av * b[x * n + j];
        }
      }
      for (int j = 0; j < n; j++) {
        if (output == null) {
          c.putInt(row[j]);
        } else {
          c.put((byte) output.apply(row[j], j));
        }
      }
    }
    return c.array();
  }

  private static long align(long bytes) {
    return (bytes + PAGE - 1) / PAGE * PAGE;
  }
}
