package dev.serrano.testbench.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The external tools a simulation build needs, with the exact versions that go into cache keys.
 * Asking Verilator for its version costs about 0.2 s (it is a Perl script), too slow for a cache
 * hit, so the answers are stored in the cache under a fingerprint of the tools' files (path,
 * size, modification time): a reinstalled tool has a new fingerprint and is asked again.
 */
public record Toolchain(String verilatorVersion, String verilatorRoot, String compilerVersion, String compilerTarget) {

  static final String INSTALL_HINT =
      "install it with `sudo apt-get install verilator g++ make zlib1g-dev` (Debian/Ubuntu), "
          + "or put it on PATH. Serrano simulations need Verilator 5.006 or later";

  private static volatile Toolchain detected;

  /** The installed toolchain; throws {@link ToolMissingException} naming what to install. */
  public static Toolchain detect(SimulationCache cache) {
    Toolchain toolchain = detected;
    if (toolchain == null) {
      toolchain = lookUp(cache);
      detected = toolchain;
    }
    return toolchain;
  }

  private static Toolchain lookUp(SimulationCache cache) {
    Path verilator = onPath("verilator");
    Path compiler = onPath("g++");
    onPath("make");
    String fingerprint = fingerprint(List.of(verilator, verilator.resolveSibling("verilator_bin"), compiler));
    Path stored = cache.root().resolve("toolchain").resolve(new CacheKey().add("tools", fingerprint).hex() + ".properties");
    Toolchain known = read(stored);
    if (known != null) {
      return known;
    }
    Toolchain asked = new Toolchain(
        required(List.of("verilator", "--version"), "verilator"),
        required(List.of("verilator", "--getenv", "VERILATOR_ROOT"), "verilator"),
        required(List.of("g++", "--version"), "g++").lines().findFirst().orElse(""),
        required(List.of("g++", "-dumpmachine"), "g++"));
    write(stored, asked);
    return asked;
  }

  static String required(List<String> command, String tool) {
    String output = ProcessRunner.output(command);
    if (output == null) {
      throw new ToolMissingException(tool + " was not found or does not run (`" + String.join(" ", command)
          + "` failed): " + INSTALL_HINT + ".");
    }
    return output;
  }

  static Path onPath(String tool) {
    String path = System.getenv("PATH");
    for (String folder : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new ToolMissingException(tool + " was not found on PATH: " + INSTALL_HINT + ".");
  }

  private static String fingerprint(List<Path> files) {
    List<String> parts = new ArrayList<>();
    for (Path file : files) {
      try {
        Path real = file.toRealPath();
        parts.add(real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis());
      } catch (IOException e) {
        parts.add(file + ":absent");
      }
    }
    return String.join(";", parts);
  }

  private static Toolchain read(Path stored) {
    if (!Files.isRegularFile(stored)) {
      return null;
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(stored)) {
      p.load(in);
    } catch (IOException e) {
      return null;
    }
    if (p.size() != 4) {
      return null;
    }
    return new Toolchain(p.getProperty("verilatorVersion"), p.getProperty("verilatorRoot"),
        p.getProperty("compilerVersion"), p.getProperty("compilerTarget"));
  }

  private static void write(Path stored, Toolchain toolchain) {
    Properties p = new Properties();
    p.setProperty("verilatorVersion", toolchain.verilatorVersion());
    p.setProperty("verilatorRoot", toolchain.verilatorRoot());
    p.setProperty("compilerVersion", toolchain.compilerVersion());
    p.setProperty("compilerTarget", toolchain.compilerTarget());
    try {
      Files.createDirectories(stored.getParent());
      Path temporary = Files.createTempFile(stored.getParent(), "toolchain", ".tmp");
      try (var out = Files.newBufferedWriter(temporary)) {
        p.store(out, "answers of the tools, see Toolchain.java");
      }
      Files.move(temporary, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the toolchain versions in " + stored, e);
    }
  }
}
