package dev.serrano.hdl;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the test's working folder (the module folder under Maven). */
public final class Repository {
  private Repository() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("configs"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no configs/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
