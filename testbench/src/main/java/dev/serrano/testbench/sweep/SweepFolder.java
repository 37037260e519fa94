package dev.serrano.testbench.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sweep's output folder:
 *
 * <pre>
 * spec.json          the sweep, as {@link SweepSpec#toJson()} writes it (shards of one sweep hold the same)
 * points/KEY.json    one finished point ({@link PointResult}), written atomically: present means done
 * designs/CONFIG/    the generated RTL of a configuration
 * results.csv        one row per point found, in the spec's order, then the per-network totals;
 *                    no wall-clock times
 * results.json       the same points with their timing, and the totals
 * report/            the report of the results ({@link SweepReport}): index.html, each chart as SVG and PNG
 * </pre>
 */
public final class SweepFolder {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public SweepFolder(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path resultsCsv() {
    return root.resolve("results.csv");
  }

  public Path resultsJson() {
    return root.resolve("results.json");
  }

  public Path report() {
    return root.resolve("report");
  }

  /** A fresh, empty folder for {@code configuration}'s RTL (the generator writes only into new folders). */
  Path emptyDesignFolder(SweepSpec.Configuration configuration) throws IOException {
    Path folder = root.resolve("designs").resolve(configuration.name());
    if (Files.exists(folder)) {
      deleteTree(folder);
    }
    Files.createDirectories(folder.getParent());
    return folder;
  }

  /** Deletes {@code root} and everything below it. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /**
   * Writes {@code spec} as this folder's sweep, or checks that the folder already holds it, so that a
   * rerun or a merge never mixes points of different sweeps.
   */
  void claim(SweepSpec spec) throws IOException {
    Path file = root.resolve("spec.json");
    if (Files.exists(file)) {
      if (!Files.readString(file).equals(spec.toJson())) {
        throw new SweepSpecException(root + " holds a different sweep (its spec.json differs); use a new folder");
      }
      return;
    }
    writeAtomically(file, spec.toJson());
  }

  /** The sweep this folder holds. */
  public SweepSpec spec() {
    return SweepSpec.read(root.resolve("spec.json"));
  }

  /** The finished point {@code key}, if any. */
  public Optional<PointResult> point(String key) {
    Path file = pointFile(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), PointResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sweep point " + file, e);
    }
  }

  /** Records a finished point; a reader sees the whole file or none. */
  void write(PointResult result) throws IOException {
    writeAtomically(pointFile(result.key()), JSON.writeValueAsString(result) + "\n");
  }

  /** The finished points of {@code spec}, in its order; points not (yet) run are left out. */
  public List<PointResult> results(SweepSpec spec) {
    List<PointResult> found = new ArrayList<>();
    for (SweepSpec.Point point : spec.points()) {
      point(point.key()).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Writes results.csv, results.json and the report from the finished points of {@code spec} and their
   * network totals; the report prints {@code energyTable}, the table the energies came from.
   */
  public List<PointResult> writeResults(SweepSpec spec, EnergyTable energyTable) throws IOException {
    List<PointResult> results = results(spec);
    writeAtomically(resultsCsv(), ResultsCsv.format(spec, results));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("points", results);
    json.put("networkTotals", NetworkTotal.of(spec, results));
    writeAtomically(resultsJson(), JSON.writeValueAsString(json) + "\n");
    writeReport(spec, results, energyTable);
    return results;
  }

  /** Writes report/ from {@code results}, the finished points of {@code spec}. */
  public void writeReport(SweepSpec spec, List<PointResult> results, EnergyTable energyTable) throws IOException {
    SweepReport.of(spec, results, energyTable).write(report());
  }

  /**
   * Combines the points of {@code shards} (folders of the same sweep, e.g. one per Slurm array task)
   * into {@code output} and writes its results; the report prints the default energy table, the one
   * {@code scripts/sweep run} computes with (the folder does not record the table).
   */
  public static List<PointResult> merge(List<Path> shards, Path output) throws IOException {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("shards must list at least one folder");
    }
    SweepSpec spec = new SweepFolder(shards.get(0)).spec();
    // Every shard is checked before anything is written, so a refused merge leaves no output behind.
    for (Path shard : shards) {
      if (!new SweepFolder(shard).spec().toJson().equals(spec.toJson())) {
        throw new SweepSpecException(shard + " holds a different sweep than " + shards.get(0));
      }
    }
    SweepFolder merged = new SweepFolder(output);
    merged.claim(spec);
    for (Path shard : shards) {
      SweepFolder from = new SweepFolder(shard);
      for (SweepSpec.Point point : spec.points()) {
        Optional<PointResult> result = from.point(point.key());
        if (result.isPresent() && merged.point(point.key()).isEmpty()) {
          merged.write(result.get());
        }
      }
    }
    return merged.writeResults(spec, EnergyTable.horowitz45nm());
  }

  private Path pointFile(String key) {
    return root.resolve("points").resolve(key + ".json");
  }

  /** Written beside the target and moved over it, so a killed run never leaves half a file. */
  private static void writeAtomically(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
