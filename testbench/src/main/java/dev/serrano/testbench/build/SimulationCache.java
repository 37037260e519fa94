package dev.serrano.testbench.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A content-addressed store of build results: {@code <root>/<kind>/<key>/}. An entry is complete
 * when its {@code COMPLETE} file lists each artifact (SHA-256, size, time) and they still match;
 * anything else is treated as corrupt and rebuilt. Entries are built in {@code <root>/tmp} and
 * renamed into place, under a lock that holds across threads and processes.
 */
public final class SimulationCache {

  static final String COMPLETE = "COMPLETE";

  /** FileChannel locks are per process; threads of one JVM also need a lock of their own. */
  private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

  private final Path root;

  public SimulationCache(Path root) {
    this.root = root.toAbsolutePath();
  }

  /**
   * The cache named by the system property {@code serrano.sim.cache}, else the environment
   * variable {@code SERRANO_SIM_CACHE}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/serrano/verilator}.
   */
  public static SimulationCache defaultCache() {
    String configured = System.getProperty("serrano.sim.cache");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("SERRANO_SIM_CACHE");
    }
    if (configured != null && !configured.isBlank()) {
      return new SimulationCache(Path.of(configured));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return new SimulationCache(base.resolve("serrano").resolve("verilator"));
  }

  public Path root() {
    return root;
  }

  /** Fills a fresh folder with an entry's artifacts (and anything else worth keeping). */
  @FunctionalInterface
  public interface Filler {
    void fill(Path folder) throws IOException;
  }

  /** The folder of the complete entry {@code kind/key}, built by {@code filler} if needed. */
  public Path obtain(String kind, String key, List<String> artifacts, Filler filler) {
    Path entry = root.resolve(kind).resolve(key);
    if (isComplete(entry)) {
      return entry;
    }
    Path lockFile = root.resolve("locks").resolve(kind + "-" + key + ".lock");
    ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
    threadLock.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock processLock = channel.lock()) {
        if (!isComplete(entry)) {
          deleteRecursively(entry);
          build(entry, artifacts, filler);
        }
        return entry;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cache " + root + ": cannot build entry " + kind + "/" + key, e);
    } finally {
      threadLock.unlock();
    }
  }

  private void build(Path entry, List<String> artifacts, Filler filler) throws IOException {
    Path temporary = root.resolve("tmp").resolve(entry.getFileName() + "-" + UUID.randomUUID());
    Files.createDirectories(temporary);
    try {
      filler.fill(temporary);
      List<String> lines = new ArrayList<>();
      for (String artifact : artifacts) {
        Path file = temporary.resolve(artifact);
        lines.add(CacheKey.hex(Files.readAllBytes(file)) + "  " + state(file) + "  " + artifact);
      }
      Files.write(temporary.resolve(COMPLETE), lines);
      Files.createDirectories(entry.getParent());
      Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteRecursively(temporary);
    }
  }

  /**
   * True when the entry's COMPLETE file exists and every artifact is as recorded there: same size
   * and modification time (cheap, the usual case), or else the same SHA-256.
   */
  static boolean isComplete(Path entry) {
    Path marker = entry.resolve(COMPLETE);
    if (!Files.isRegularFile(marker)) {
      return false;
    }
    try {
      List<String> lines = Files.readAllLines(marker);
      if (lines.isEmpty()) {
        return false;
      }
      for (String line : lines) {
        String[] parts = line.split("  ", 3);  // hash, size:mtime, name
        if (parts.length != 3) {
          return false;
        }
        Path artifact = entry.resolve(parts[2]);
        if (!Files.isRegularFile(artifact)) {
          return false;
        }
        if (!parts[1].equals(state(artifact)) && !parts[0].equals(CacheKey.hex(Files.readAllBytes(artifact)))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String state(Path file) throws IOException {
    return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
