package dev.serrano.hdl.emit;

import dev.serrano.hdl.ir.Design;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes emitted files into a folder all at once: they go to a temporary sibling folder that is
 * renamed into place only when complete, so a failure never leaves a half-written output. An
 * existing non-empty folder is replaced only when asked.
 */
public final class OutputWriter {
  private OutputWriter() {}

  /** Checks, emits and writes a design into {@code folder}, which must be absent or empty. */
  public static EmittedDesign write(Design design, Path folder) throws IOException {
    EmittedDesign emitted = EmittedDesign.of(design);
    write(emitted, folder, false);
    return emitted;
  }

  /**
   * @param replace whether an existing non-empty {@code folder} may be replaced
   * @throws FileAlreadyExistsException when {@code folder} holds files and {@code replace} is false
   * @throws FileSystemException naming the reason when {@code folder} cannot be created (see
   *     {@link #requireCreatable}); nothing is written then
   */
  public static void write(EmittedDesign emitted, Path folder, boolean replace) throws IOException {
    requireWritable(folder, replace);
    Path target = folder.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staging = createStagingFolder(parent, "." + target.getFileName() + ".tmp-");
    try {
      for (Map.Entry<String, String> file : emitted.files().entrySet()) {
        Files.writeString(staging.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      swapIn(staging, target);
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Fails, before anything is written, when {@link #write} would refuse {@code folder}: so a command
   * writing two folders can check both before writing either.
   *
   * @throws FileAlreadyExistsException when {@code folder} holds files and {@code replace} is false
   * @throws FileSystemException naming the reason when {@code folder} cannot be created
   */
  public static void requireWritable(Path folder, boolean replace) throws IOException {
    requireCreatable(folder);
    Path target = folder.toAbsolutePath().normalize();
    if (isNonEmptyFolder(target) && !replace) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "output folder is not empty; pass --force to replace it");
    }
  }

  /**
   * Fails, before anything is written, when {@code folder} is empty, a file or cannot be created: an
   * ancestor is a file, or the nearest existing ancestor is not writable. A file in the way also
   * stops root, whom permission bits do not.
   *
   * @throws FileSystemException whose reason says which path is in the way
   */
  public static void requireCreatable(Path folder) throws FileSystemException {
    if (folder.toString().isEmpty()) {
      // An empty path resolves to the working folder: replacing that is never what was meant.
      throw new FileSystemException("", null, "the path is empty; name a folder");
    }
    Path target = folder.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new FileSystemException(target.toString(), null, "is a file, not a folder");
      }
      return;
    }
    Path ancestor = target.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      return;
    }
    if (!Files.isDirectory(ancestor)) {
      throw new FileSystemException(target.toString(), null, "cannot be created: " + ancestor
          + " is a file, not a folder");
    }
    if (!Files.isWritable(ancestor)) {
      throw new FileSystemException(target.toString(), null, "cannot be created: " + ancestor
          + " is not writable");
    }
  }

  /**
   * A new empty folder {@code prefix<random>} in {@code parent}, made with the permissions the user's
   * umask gives (a {@code createTempDirectory} folder is 0700, and an output renamed from it would
   * stay unreadable to the user's group).
   */
  public static Path createStagingFolder(Path parent, String prefix) throws IOException {
    while (true) {
      Path candidate = parent.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        // another staging folder has this name: draw again
      }
    }
  }

  private static boolean isNonEmptyFolder(Path path) throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isPresent();
    }
  }

  private static void swapIn(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
