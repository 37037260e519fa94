package dev.serrano.testbench.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.accel.GemmSpec;
import dev.serrano.testbench.accel.Requantization;
import dev.serrano.testbench.accel.SampleLayers;
import dev.serrano.testbench.accel.Workload;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces recorded from real accelerator runs replay bit- and cycle-exactly on Verilator and under
 * Icarus through the generated plain Verilog bench, with every output known after reset.
 */
class TraceReplayTest {
  /** AcceleratorTest's small configuration: 3 x 5 array, 64-bit bus, small memories. */
  private static final Map<String, String> SMALL = Map.of("rows", "3", "cols", "5", "spBanks", "2", "spRows", "64",
      "accBanks", "2", "accRows", "32", "dataWidth", "64", "maxBurst", "16", "outstanding", "4", "queueDepth", "4");
  /** AcceleratorTest's tall one: 8 x 4, 32-bit bus, asynchronous active-low reset. */
  private static final Map<String, String> TALL = Map.of("rows", "8", "cols", "4", "spBanks", "4", "spRows", "32",
      "accBanks", "2", "accRows", "32", "dataWidth", "32", "maxBurst", "8", "outstanding", "2", "reset", "async_low");

  @TempDir
  Path folder;

  @Test
  void aTiledGemmReplaysExactlyOnVerilatorAndIcarus() {
    long seed = Long.getLong("trace.seed", System.nanoTime());
    System.out.println("TraceReplayTest tiled GEMM seed=" + seed);
    Path trace = record(SMALL, seed, 10, 12, 13, null, Workload.Issue.HOST_PROGRAM);
    assertReplaysExactly(trace);
  }

  @Test
  void aQuantisedLayerThroughTheSequencerReplaysExactlyOnVerilatorAndIcarus() {
    long seed = Long.getLong("trace.seed", System.nanoTime());
    System.out.println("TraceReplayTest quantised layer seed=" + seed);
    Random random = new Random(seed);
    int channels = 6;
    int[] bias = new int[channels];
    int[] multiplier = new int[channels];
    int[] shift = new int[channels];
    java.util.Arrays.fill(bias, random.nextInt(2001) - 1000);
    java.util.Arrays.fill(multiplier, (1 << 30) + random.nextInt(1 << 29));
    java.util.Arrays.fill(shift, -8);
    Requantization output = new Requantization(bias, multiplier, shift, random.nextInt(11) - 5, -128, 127);
    Path trace = record(TALL, seed, 9, channels, 11, output, Workload.Issue.SEQUENCER);
    assertReplaysExactly(trace);
  }

  /**
   * The trace is deterministic (saved twice, byte-identical), and a replay catches a changed input:
   * one operand byte flipped in the memory image changes the output region's hash.
   */
  @Test
  void savedTracesAreDeterministicAndAChangedImageIsCaught() throws IOException {
    long seed = Long.getLong("trace.seed", System.nanoTime());
    System.out.println("TraceReplayTest determinism seed=" + seed);
    Path trace = record(SMALL, seed, 4, 5, 3, null, Workload.Issue.HOST_PROGRAM);
    Path again = folder.resolve("again");
    TraceFolder.write(TraceFolder.read(trace).trace(), trace.resolve(TraceFolder.RTL), again);
    for (String file : List.of(TraceFolder.TRACE_FILE, "mem/load-0000.hex", "mem/load-0001.hex")) {
      assertEquals(Files.readString(trace.resolve(file)), Files.readString(again.resolve(file)), file);
    }
    Path image = again.resolve("mem/load-0000.hex");
    String text = Files.readString(image);
    Files.writeString(image, (text.charAt(0) == '0' ? "1" : "0") + text.substring(1));
    TraceFolder.Loaded changed = TraceFolder.read(again);
    List<String> differences = TraceComparison.differences(changed.trace(),
        VerilatorReplay.run(changed, SimulationOptions.defaults()));
    assertTrue(differences.stream().anyMatch(d -> d.startsWith("verilator: memory check 0: recorded SHA-256")),
        differences.toString());
  }

  /** An output with X bits after reset, in the Icarus bench's results, is a difference. */
  @Test
  void anUnknownOutputAfterResetIsReported() throws IOException {
    Path results = Files.writeString(folder.resolve("results.txt"), "unknown m_axi_wlast x\nend 4\n");
    ReplayOutcome outcome = IcarusReplay.read(results);
    assertEquals(List.of("icarus: output m_axi_wlast = x is not known (X or Z) after the reset is released"),
        TraceComparison.differences(new Trace("t", List.of(), 4), outcome));
  }

  /** Runs one GEMM on a fresh accelerator with a recorder attached, checks it, and saves the trace. */
  private Path record(Map<String, String> parameters, long seed, int m, int n, int k, Requantization output,
      Workload.Issue issue) {
    Random random = new Random(seed);
    Path trace = folder.resolve("trace");
    TraceRecorder recorder;
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "accelerator", parameters))) {
      recorder = TraceRecorder.attach(sim);
      sim.axi("m_axi").memory(0, 0x10000);
      sim.reset(4);
      AcceleratorDriver driver = new AcceleratorDriver(sim);
      byte[] a = SampleLayers.symmetricWeights(m * k, random);
      byte[] b = SampleLayers.symmetricWeights(k * n, random);
      Workload run = Workload.gemm("traced", driver, m, n, k, a, b, output, issue, 1_000_000);
      assertTrue(run.exact(), "the recorded run itself is exact");
      GemmSpec spec = Workload.spec(m, n, k, output);
      recorder.expectMemory("m_axi", spec.cAddress(), m * n * (output == null ? 4 : 1));
    }
    recorder.save(trace);
    return trace;
  }

  private void assertReplaysExactly(Path trace) {
    TraceFolder.Loaded loaded = TraceFolder.read(trace);
    assertTrue(loaded.trace().cycles() > 0 && loaded.trace().steps().size() > 10, "a real run was recorded");
    ReplayOutcome verilator = VerilatorReplay.run(loaded, SimulationOptions.defaults());
    assertEquals(List.of(), TraceComparison.differences(loaded.trace(), verilator));
    ReplayOutcome icarus = IcarusReplay.run(loaded, folder.resolve("icarus"));
    assertEquals(List.of(), TraceComparison.differences(loaded.trace(), icarus));
    System.out.println("replayed " + loaded.trace().top() + ": " + icarus.results().size() + " register operations, "
        + icarus.checks().size() + " memory checks, " + icarus.cycles() + " cycles on both simulators");
  }
}
