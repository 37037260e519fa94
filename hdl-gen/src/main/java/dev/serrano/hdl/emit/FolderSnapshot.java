package dev.serrano.hdl.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every file and folder under a root, by path relative to it: a file's bytes in hex, a folder
 * {@code "/"}. Two snapshots of one root are equal exactly when nothing under it was created,
 * deleted, renamed or rewritten in between: how the bad-input tests and {@code scripts/fuzz
 * --bad-input} check that a refused command left the working folder alone (no temporary folder
 * either).
 */
public record FolderSnapshot(Map<String, String> entries) {
  public FolderSnapshot {
    entries = Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /** What {@code root} holds now. */
  public static FolderSnapshot of(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        entries.put(root.relativize(path).toString(),
            Files.isDirectory(path) ? "/" : HexFormat.of().formatHex(Files.readAllBytes(path)));
      }
    }
    return new FolderSnapshot(entries);
  }

  /** The paths created, deleted or changed since {@code before}, sorted, each with what happened. */
  public List<String> changesSince(FolderSnapshot before) {
    Set<String> paths = new TreeSet<>(before.entries.keySet());
    paths.addAll(entries.keySet());
    List<String> changes = new ArrayList<>();
    for (String path : paths) {
      String was = before.entries.get(path);
      String is = entries.get(path);
      if (was == null) {
        changes.add(path + " created");
      } else if (is == null) {
        changes.add(path + " deleted");
      } else if (!was.equals(is)) {
        changes.add(path + " changed");
      }
    }
    return changes;
  }
}
