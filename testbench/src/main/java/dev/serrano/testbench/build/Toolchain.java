package dev.serrano.testbench.build;

import java.util.List;

/**
 * The external tools a simulation build needs, with the exact versions that go into cache keys.
 * Detected once per JVM.
 */
public record Toolchain(String verilatorVersion, String verilatorRoot, String compilerVersion, String compilerTarget) {

  private static final String INSTALL_HINT =
      "install it with `sudo apt-get install verilator g++ make zlib1g-dev` (Debian/Ubuntu), "
          + "or put it on PATH";

  private static volatile Toolchain detected;

  /** The installed toolchain; throws {@link ToolMissingException} naming what to install. */
  public static Toolchain detect() {
    Toolchain toolchain = detected;
    if (toolchain == null) {
      toolchain = new Toolchain(
          required(List.of("verilator", "--version"), "verilator"),
          required(List.of("verilator", "--getenv", "VERILATOR_ROOT"), "verilator"),
          required(List.of("g++", "--version"), "g++").lines().findFirst().orElse(""),
          required(List.of("g++", "-dumpmachine"), "g++"));
      required(List.of("make", "--version"), "make");
      detected = toolchain;
    }
    return toolchain;
  }

  static String required(List<String> command, String tool) {
    String output = ProcessRunner.output(command);
    if (output == null) {
      throw new ToolMissingException(tool + " was not found or does not run (`" + String.join(" ", command)
          + "` failed): " + INSTALL_HINT + ". Serrano simulations need Verilator 5.006 or later.");
    }
    return output;
  }
}
