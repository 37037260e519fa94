package dev.serrano.testbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cost of the AXI4 memory model per cycle: cycles/s of Java batched {@code step(n)} (one JNA call)
 * on the test design {@code axi_burst} (a 128-bit AXI4 master), without the model (the same
 * Verilog with "buses" removed from its JSON), with the model and the bus idle, and with the
 * model serving back-to-back 256-beat bursts. Median of 3 runs per figure.
 *
 * <p>Run from the repository root after {@code mvn -pl testbench -am test-compile}:
 * {@code java -cp testbench/target/classes:<dependencies> dev.serrano.testbench.bench.AxiBenchmark
 * [testbench/src/test/resources/designs/axi_burst/axi_burst.json]}.
 */
public final class AxiBenchmark {

  private static final long CYCLES = 2_000_000;
  private static final int RUNS = 3;

  private AxiBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path json = Path.of(args.length > 0 ? args[0] : "testbench/src/test/resources/designs/axi_burst/axi_burst.json");
    DesignInterface withModel = DesignInterface.read(json);
    DesignInterface withoutModel = withoutBuses(json);
    System.out.println("| scenario | Mcycles/s | ns/cycle |");
    System.out.println("|---|---|---|");
    report("no model (buses removed from the JSON), master idle", measure(withoutModel, null, 0));
    report("model, bus idle", measure(withModel, null, 0));
    report("model, read stream: 256-beat INCR bursts of 16 B at one address, latency 1",
        measure(withModel, new int[] {0}, 0));
    report("model, write stream: 256-beat INCR bursts of 16 B at one address, latency 1",
        measure(withModel, new int[] {1}, 0));
    report("model, read stream, 20 % stalls on every channel", measure(withModel, new int[] {0}, 0.2));
  }

  /** Median cycles/s of {@code step(CYCLES)}; {@code stream}: null idle, {0} reads, {1} writes. */
  private static double measure(DesignInterface design, int[] stream, double stalls) {
    double[] rates = new double[RUNS];
    try (Simulation sim = Simulation.start(design)) {
      if (!design.buses().isEmpty()) {
        sim.axi("m_axi").stallAll(stalls).seed(1);
      }
      sim.reset(2);
      if (stream != null) {
        sim.port("desc_write").set(stream[0]);
        sim.port("desc_addr").set(0);
        sim.port("desc_len").set(255);
        sim.port("desc_size").set(4);
        sim.port("desc_count").set(65535);
        sim.port("desc_stride").set(0);  // every burst reads or writes the same 4 KiB
        sim.port("start").set(1);
        sim.step();
        sim.port("start").set(0);
      }
      sim.step(CYCLES / 4);  // warm-up
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        sim.step(CYCLES);
        rates[i] = CYCLES / ((System.nanoTime() - start) / 1e9);
      }
      if (stream != null && (sim.port("busy").get() != 1 || sim.port("error_seen").get() != 0)) {
        throw new IllegalStateException("the stream ended, or saw an error, before the measurement did: "
            + sim.axi("m_axi").counters());
      }
    }
    Arrays.sort(rates);
    return rates[RUNS / 2];
  }

  private static void report(String scenario, double cyclesPerSecond) {
    System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.0f |", scenario, cyclesPerSecond / 1e6,
        1e9 / cyclesPerSecond));
  }

  private static DesignInterface withoutBuses(Path json) throws Exception {
    Path folder = Files.createTempDirectory("serrano-axi-bench");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(json.toFile());
    root.remove("buses");
    Path copy = folder.resolve(json.getFileName());
    mapper.writerWithDefaultPrettyPrinter().writeValue(copy.toFile(), root);
    for (var file : root.get("files")) {
      Files.copy(json.resolveSibling(file.asText()), folder.resolve(file.asText()));
    }
    return DesignInterface.read(copy);
  }
}
