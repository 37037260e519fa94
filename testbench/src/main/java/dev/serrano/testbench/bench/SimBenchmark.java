package dev.serrano.testbench.bench;

import dev.serrano.testbench.build.CompiledDesign;
import dev.serrano.testbench.build.DesignCompiler;
import dev.serrano.testbench.build.DispatchLibrary;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.build.TraceKind;
import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run and on the same verilated models: (a) a C++ loop, (b) Java batched
 * {@code step(n)}, (c) a Java callback test bench writing two inputs, stepping and reading one
 * output every cycle; plus cold build, warm-runtime build and cache-hit start times. Uses a fresh
 * cache folder so the build figures are cold. Prints a Markdown report (and writes it to the file
 * named by the first argument, if any).
 */
public final class SimBenchmark {

  private static final int REPETITIONS = 3;
  private static final double SECONDS_PER_RUN = 1.0;

  private final StringBuilder report = new StringBuilder();

  private SimBenchmark() {}

  public static void main(String[] args) throws Exception {
    SimBenchmark benchmark = new SimBenchmark();
    Path work = Files.createTempDirectory("serrano-bench");
    benchmark.run(work);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), benchmark.report);
    }
  }

  private void run(Path work) throws Exception {
    SimulationCache cache = new SimulationCache(work.resolve("cache"));
    DesignInterface grid = generate(work, "mac_grid", Map.of("rows", "16", "cols", "16", "type", "s8", "accWidth", "32"));
    DesignInterface pe = generate(work, "pe_mac", Map.of("type", "s8", "accWidth", "32"));
    DesignCompiler compiler = new DesignCompiler(cache);

    line("## Build and start-up (fresh cache " + cache.root() + ")");
    line("");
    line("| step | seconds |");
    line("|---|---|");
    CompiledDesign gridBuild = timed("cold build of " + grid.top() + ", runtime objects included",
        () -> compiler.compile(grid, TraceKind.NONE));
    CompiledDesign peBuild = timed("cold build of " + pe.top() + " with the runtime objects cached",
        () -> compiler.compile(pe, TraceKind.NONE));
    timed("dispatcher library build (once per cache)", () -> DispatchLibrary.obtain(cache));
    SimulationOptions options = SimulationOptions.defaults().withCache(cache);
    timed("first simulation in the JVM (JNA start-up) to first cycle, " + pe.top(), () -> startAndStep(pe, options));
    double[] hits = new double[5];
    for (int i = 0; i < hits.length; i++) {
      long start = System.nanoTime();
      startAndStep(pe, options);
      hits[i] = (System.nanoTime() - start) / 1e9;
    }
    line("| cache hit to first cycle, " + pe.top() + ", same JVM (median of 5) | " + format(median(hits), 4) + " |");
    String[] fresh = freshJvmStart(cache, pe).split(" ");
    line("| fresh JVM: JNA start-up (its native library) | " + format(Double.parseDouble(fresh[0]), 3) + " |");
    line("| fresh JVM: binding the dispatcher (Simulation.prepare) | " + format(Double.parseDouble(fresh[1]), 3) + " |");
    line("| fresh JVM: then cache hit to first cycle, " + pe.top() + " | "
        + format(Double.parseDouble(fresh[2]), 3) + " |");
    line("");

    NativeHarness harness = NativeHarness.build(Files.createDirectories(work.resolve("harness")));
    line("## Cycle cost, nanoseconds per cycle (median of " + REPETITIONS + " runs of about "
        + SECONDS_PER_RUN + " s)");
    line("");
    line("| design | (a) C++ step(n) | (b) Java step(n) | (b)/(a) speed | (a') C++ poke+step+peek | "
        + "(c) Java callback poke+step+peek | (c) - (a') |");
    line("|---|---|---|---|---|---|---|");
    measure(harness, peBuild, options);
    measure(harness, gridBuild, options);
  }

  private void measure(NativeHarness harness, CompiledDesign compiled, SimulationOptions options) throws Exception {
    DesignInterface design = compiled.design();
    int a = design.portIndex("a_in");
    int b = design.portIndex("b_in");
    int acc = design.portIndex("acc");
    double estimate = harness.steps(compiled.library(), 10_000);
    long batchCycles = cyclesFor(estimate);
    long pokeCycles = cyclesFor(estimate + 100);

    double[] nativeSteps = new double[REPETITIONS];
    double[] nativePokes = new double[REPETITIONS];
    double[] javaSteps = new double[REPETITIONS];
    double[] javaCallbacks = new double[REPETITIONS];
    try (Simulation batched = Simulation.start(design, options);
         Simulation callbacks = Simulation.start(design, options)) {
      installPokeAndPeek(callbacks);
      batched.step(batchCycles / 10);  // warm-up: JIT and caches
      callbacks.step(pokeCycles / 10);
      for (int i = 0; i < REPETITIONS; i++) {
        nativeSteps[i] = harness.steps(compiled.library(), batchCycles);
        nativePokes[i] = harness.pokes(compiled.library(), pokeCycles, a, b, acc);
        javaSteps[i] = nanosPerCycle(batched, batchCycles);
        javaCallbacks[i] = nanosPerCycle(callbacks, pokeCycles);
      }
    }
    double nativeStep = median(nativeSteps);
    double javaStep = median(javaSteps);
    double nativePoke = median(nativePokes);
    double javaCallback = median(javaCallbacks);
    line("| " + design.top() + " | " + format(nativeStep, 1) + " | " + format(javaStep, 1) + " | "
        + format(nativeStep / javaStep, 3) + " | " + format(nativePoke, 1) + " | " + format(javaCallback, 1)
        + " | " + format(javaCallback - nativePoke, 1) + " |");
    System.out.println("  runs (a) " + Arrays.toString(nativeSteps) + " (b) " + Arrays.toString(javaSteps)
        + " (a') " + Arrays.toString(nativePokes) + " (c) " + Arrays.toString(javaCallbacks));
  }

  /** Per cycle: new pseudo-random operands on a_in and b_in, read all of acc. */
  private static void installPokeAndPeek(Simulation sim) {
    Port a = sim.port("a_in");
    Port b = sim.port("b_in");
    Port acc = sim.port("acc");
    int[] aWords = new int[(a.width() + 31) / 32];
    int[] bWords = new int[(b.width() + 31) / 32];
    int[] accWords = new int[(acc.width() + 31) / 32];
    long[] state = {1};
    long[] checksum = {0};
    sim.onCycle(cycle -> {
      poke(a, aWords, state);
      poke(b, bWords, state);
      if (acc.width() <= 64) {
        checksum[0] += acc.get();
      } else {
        acc.getWords(accWords);
        checksum[0] += accWords[0];
      }
    });
  }

  private static void poke(Port port, int[] words, long[] state) {
    state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
    if (port.width() <= 64) {
      int unused = 64 - port.width();
      port.set(port.signed() ? (state[0] << unused) >> unused : (state[0] << unused) >>> unused);
      return;
    }
    for (int i = 0; i < words.length; i++) {
      words[i] = (int) (state[0] >>> (i % 2 * 32));
      if (i % 2 == 1) {
        state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
      }
    }
    int topBits = port.width() % 32;
    if (topBits != 0) {
      words[words.length - 1] &= (1 << topBits) - 1;
    }
    port.setWords(words);
  }

  private static double nanosPerCycle(Simulation sim, long cycles) {
    long start = System.nanoTime();
    sim.step(cycles);
    return (System.nanoTime() - start) / (double) cycles;
  }

  private static void startAndStep(DesignInterface design, SimulationOptions options) {
    try (Simulation sim = Simulation.start(design, options)) {
      sim.step();
    }
  }

  private static String freshJvmStart(SimulationCache cache, DesignInterface design) throws Exception {
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(),
        cache.root().toString(), design.directory().resolve(design.top() + ".json").toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (probe.waitFor() != 0) {
      throw new IllegalStateException("cold start probe failed:\n" + output);
    }
    return output.trim();
  }

  private static long cyclesFor(double nanosPerCycle) {
    return Math.max(1000, (long) (SECONDS_PER_RUN * 1e9 / nanosPerCycle));
  }

  private static DesignInterface generate(Path work, String top, Map<String, String> parameters) throws IOException {
    return CatalogDesigns.generate(work.resolve("rtl-" + top), top, parameters);
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private <T> T timed(String what, Step<T> step) throws Exception {
    long start = System.nanoTime();
    T result = step.run();
    line("| " + what + " | " + format((System.nanoTime() - start) / 1e9, 3) + " |");
    return result;
  }

  private void timed(String what, Runnable step) throws Exception {
    timed(what, () -> {
      step.run();
      return null;
    });
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private static double median(double[] values) {
    List<Double> sorted = new ArrayList<>();
    for (double v : values) {
      sorted.add(v);
    }
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static String format(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
