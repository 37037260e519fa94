package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.tools.RtlLint;
import dev.serrano.testbench.accel.Workload;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link SweepSpec} into a {@link SweepFolder}: every point of this shard not yet in the folder
 * is generated, simulated on Verilator (through the build cache) and measured; the GEMM goes through
 * the GEMM sequencer ({@link Workload.Issue#SEQUENCER}) with int32 results and seeded random operands,
 * the same for every configuration.
 *
 * <ul>
 *   <li>Configurations are the unit of work: one generation and one build serve all the workloads
 *       of a configuration; {@code jobs} configurations run at once.
 *   <li>Resumable: each finished point is written as its own file at once, and a rerun skips the
 *       points whose files exist (a configuration with none left is not even generated).
 *   <li>Failures are results: a configuration the catalog rejects, a build that fails or a workload
 *       that does not fit or does not finish is recorded with its message, and the sweep goes on.
 *   <li>Sharding by configuration ({@link Shard}) keeps every build on one machine.
 * </ul>
 */
public final class SweepRunner {
  /** Far above any small sweep point; a hung program fails its point instead of the sweep. */
  public static final long DEFAULT_MAX_CYCLES = 100_000_000L;

  private final SweepSpec spec;
  private final SweepFolder folder;
  private final int jobs;
  private final Shard shard;
  private final long maxCycles;
  private final EnergyTable energyTable;
  private final Progress progress;
  private final SimulationCache areaCache;
  private int pointsToRun;
  private final AtomicInteger simulationsStarted = new AtomicInteger();
  private final AtomicInteger pointsRecorded = new AtomicInteger();

  /**
   * Shard {@code index} of {@code count} (0-based, as Slurm's {@code --array=0-(N-1)} numbers its
   * tasks) owns the configurations whose index in {@link SweepSpec#configurations()} is {@code index}
   * modulo {@code count}, and their points.
   */
  public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
      if (count < 1) {
        throw new IllegalArgumentException("shard count must be from 1 to " + Integer.MAX_VALUE + ", got " + count);
      }
      if (index < 0 || index >= count) {
        throw new IllegalArgumentException("shard index must be from 0 to " + (count - 1) + ", got " + index);
      }
    }

    boolean owns(int configurationIndex) {
      return configurationIndex % count == index;
    }
  }

  /**
   * What a run did.
   *
   * @param simulationsStarted simulations started (a build, or a cache hit): one per configuration
   *     with points to run, plus a restart after each failed workload
   * @param pointsRecorded points this run measured or saw fail; the others were already in the folder
   * @param results every finished point of the sweep in the folder, in the spec's order
   */
  public record Summary(int simulationsStarted, int pointsRecorded, List<PointResult> results) {}

  /** Told after each recorded point, from the thread that recorded it (one call at a time). */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (recorded, toRun) -> {};

    /** {@code recorded} of the {@code toRun} points this run has to run are done. */
    void pointRecorded(int recorded, int toRun);
  }

  public SweepRunner(SweepSpec spec, SweepFolder folder, int jobs, Shard shard, long maxCycles,
      EnergyTable energyTable) {
    this(spec, folder, jobs, shard, maxCycles, energyTable, Progress.NONE);
  }

  public SweepRunner(SweepSpec spec, SweepFolder folder, int jobs, Shard shard, long maxCycles,
      EnergyTable energyTable, Progress progress) {
    this(spec, folder, jobs, shard, maxCycles, energyTable, progress, SimulationCache.defaultCache());
  }

  /**
   * @param areaCache where synthesis results are kept ({@link AreaFlow}); the simulations always use
   *     the default cache, since a JVM binds its native dispatcher to one cache
   */
  SweepRunner(SweepSpec spec, SweepFolder folder, int jobs, Shard shard, long maxCycles, EnergyTable energyTable,
      Progress progress, SimulationCache areaCache) {
    if (jobs < 1 || jobs > 1024) {
      throw new IllegalArgumentException("jobs must be from 1 to 1024, got " + jobs);
    }
    if (maxCycles < 1) {
      throw new IllegalArgumentException("maxCycles must be from 1 to " + Long.MAX_VALUE + ", got " + maxCycles);
    }
    this.spec = spec;
    this.folder = folder;
    this.jobs = jobs;
    this.shard = shard;
    this.maxCycles = maxCycles;
    this.energyTable = energyTable;
    this.progress = progress;
    this.areaCache = areaCache;
  }

  /** All cores, every point, the default cycle limit and the Horowitz 45 nm table. */
  public SweepRunner(SweepSpec spec, SweepFolder folder) {
    this(spec, folder, Runtime.getRuntime().availableProcessors(), Shard.ALL, DEFAULT_MAX_CYCLES,
        EnergyTable.horowitz45nm());
  }

  /** Runs the points of this shard that are not in the folder yet, then writes results.csv and results.json. */
  public Summary run() throws IOException {
    folder.claim(spec);
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      Map<SweepSpec.Configuration, List<SweepSpec.Point>> todo = new LinkedHashMap<>();
      List<SweepSpec.Configuration> configurations = spec.configurations();
      for (int i = 0; i < configurations.size(); i++) {
        List<SweepSpec.Point> points = shard.owns(i) ? todo(configurations.get(i)) : List.of();
        if (!points.isEmpty()) {
          todo.put(configurations.get(i), points);
        }
      }
      pointsToRun = todo.values().stream().mapToInt(List::size).sum();
      List<Future<?>> running = new ArrayList<>();
      todo.forEach((configuration, points) -> running.add(pool.submit(() -> {
        runConfiguration(configuration, points);
        return null;
      })));
      for (Future<?> task : running) {
        await(task);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(simulationsStarted.get(), pointsRecorded.get(), folder.writeResults(spec, energyTable));
  }

  private List<SweepSpec.Point> todo(SweepSpec.Configuration configuration) {
    return spec.workloads().stream().map(gemm -> new SweepSpec.Point(configuration, gemm))
        .filter(point -> folder.point(point.key()).isEmpty()).toList();
  }

  /**
   * Generates {@code configuration} once, lints it, sizes it, builds its simulation once, then runs
   * {@code todo} on it in order.
   */
  private void runConfiguration(SweepSpec.Configuration configuration, List<SweepSpec.Point> todo)
      throws IOException {
    long start = System.nanoTime();
    DesignInterface design;
    try {
      design = CatalogDesigns.generate(folder.emptyDesignFolder(configuration), configuration.top(),
          configuration.catalogParameters());
    } catch (IllegalArgumentException e) {
      failAll(todo, null, "configuration rejected: " + e.getMessage(), new PointResult.Timing(seconds(start), 0, 0));
      return;
    }
    String lintFailure = lint(design);
    if (lintFailure != null) {
      failAll(todo, null, lintFailure, new PointResult.Timing(seconds(start), 0, 0));
      return;
    }
    double generateSeconds = seconds(start);
    long areaStart = System.nanoTime();
    Area area;
    try {
      area = area(configuration, design);
    } catch (RuntimeException e) {
      failAll(todo, null, "synthesis failed: " + e.getMessage(),
          new PointResult.Timing(generateSeconds, seconds(areaStart), 0));
      return;
    }
    double areaSeconds = seconds(areaStart);
    long memoryBytes = todo.stream().mapToLong(p -> Workload.memoryBytes(p.workload().m(), p.workload().n(),
        p.workload().k(), 4)).max().orElseThrow();
    PointBench bench = null;
    double buildSeconds = 0;
    try {
      for (SweepSpec.Point point : todo) {
        if (bench == null) {
          long build = System.nanoTime();
          try {
            simulationsStarted.incrementAndGet();
            bench = PointBench.start(configuration.top(), design, configuration.catalogParameters(), memoryBytes);
          } catch (RuntimeException e) {
            failAll(todo.subList(todo.indexOf(point), todo.size()), area, "build failed: " + e.getMessage(),
                new PointResult.Timing(generateSeconds + seconds(build), areaSeconds, 0));
            return;
          }
          buildSeconds = generateSeconds + seconds(build);
        }
        long run = System.nanoTime();
        try {
          PointResult.Measurement measurement = measure(point, bench);
          record(result(point, area, measurement, null,
              new PointResult.Timing(buildSeconds, areaSeconds, seconds(run))));
        } catch (RuntimeException e) {
          record(result(point, area, null, "run failed: " + e.getMessage(),
              new PointResult.Timing(buildSeconds, areaSeconds, 0)));
          // A program stopped half way may leave the design busy: the next point gets a fresh simulation.
          bench.close();
          bench = null;
        }
      }
    } finally {
      if (bench != null) {
        bench.close();
      }
    }
  }

  /** Null when Verilator, Icarus and Yosys accept the emitted folder, else which did not and why. */
  private static String lint(DesignInterface design) {
    for (RtlLint.Result result : RtlLint.run(design.directory())) {
      if (!result.passed()) {
        return "lint failed: " + result.tool() + ": " + result.output().strip();
      }
    }
    return null;
  }

  /** The configuration's area in the spec's flows (from the cache when sized before); null for no flows. */
  private Area area(SweepSpec.Configuration configuration, DesignInterface design) {
    if (spec.areaFlows().isEmpty()) {
      return null;
    }
    return AreaFlow.area(design, spec.areaFlows(), sramBits(design), areaCache);
  }

  /**
   * Bits of the accelerator's scratchpad (rows of R inputs or C weights, the wider) and accumulator
   * (rows of C int32 lanes), from the parameters the design was generated with; a PE array has none.
   */
  static long sramBits(DesignInterface design) {
    Map<String, String> p = design.parameters();
    if (!p.containsKey("spBanks")) {
      return 0;
    }
    long rows = Long.parseLong(p.get("rows"));
    long cols = Long.parseLong(p.get("cols"));
    long spRowBits = Math.max(rows * ElementType.parse("input", p.get("input")).width(),
        cols * ElementType.parse("weight", p.get("weight")).width());
    return Long.parseLong(p.get("spBanks")) * Long.parseLong(p.get("spRows")) * spRowBits
        + Long.parseLong(p.get("accBanks")) * Long.parseLong(p.get("accRows")) * cols * 32;
  }

  private PointResult.Measurement measure(SweepSpec.Point point, PointBench bench) {
    SweepSpec.Gemm gemm = point.workload();
    // The same operands for every configuration: seeded by the workload's name (String.hashCode is specified).
    Random operands = new Random(gemm.name().hashCode());
    byte[] a = new byte[gemm.m() * gemm.k()];
    byte[] b = new byte[gemm.k() * gemm.n()];
    operands.nextBytes(a);
    operands.nextBytes(b);
    return bench.measure(gemm, a, b, maxCycles, energyTable);
  }

  private void failAll(List<SweepSpec.Point> points, Area area, String reason, PointResult.Timing timing)
      throws IOException {
    for (SweepSpec.Point point : points) {
      record(result(point, area, null, reason, timing));
    }
  }

  private void record(PointResult result) throws IOException {
    folder.write(result);
    synchronized (progress) {
      progress.pointRecorded(pointsRecorded.incrementAndGet(), pointsToRun);
    }
  }

  private static PointResult result(SweepSpec.Point point, Area area, PointResult.Measurement measurement,
      String error, PointResult.Timing timing) {
    SweepSpec.Gemm gemm = point.workload();
    return new PointResult(point.key(), point.configuration().parameters(), gemm.name(), gemm.m(), gemm.n(),
        gemm.k(), area, measurement, error, timing);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void await(Future<?> task) throws IOException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the sweep ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("a sweep configuration failed unexpectedly", e.getCause());
    }
  }
}
