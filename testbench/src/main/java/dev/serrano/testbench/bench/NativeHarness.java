package dev.serrano.testbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The C++ reference loop ({@code serrano_bench_harness.cpp}): it loads the same simulation library
 * as Java and reports nanoseconds per cycle measured inside the process.
 */
final class NativeHarness {

  private final Path executable;

  private NativeHarness(Path executable) {
    this.executable = executable;
  }

  /** Compiles the harness into {@code folder}. */
  static NativeHarness build(Path folder) throws IOException, InterruptedException {
    copy("/dev/serrano/testbench/build/serrano_abi.h", folder.resolve("serrano_abi.h"));
    copy("/dev/serrano/testbench/bench/serrano_bench_harness.cpp", folder.resolve("harness.cpp"));
    Path executable = folder.resolve("harness");
    run(List.of("g++", "-O2", "-o", executable.toString(), folder.resolve("harness.cpp").toString(), "-ldl"));
    return new NativeHarness(executable);
  }

  /** Nanoseconds per cycle of {@code step(cycles)} called once from C++. */
  double steps(Path library, long cycles) throws IOException, InterruptedException {
    return nanosPerCycle(run(List.of(executable.toString(), library.toString(), "steps", Long.toString(cycles))));
  }

  /** Nanoseconds per cycle of: write two inputs, step one cycle, read one output, all in C++. */
  double pokes(Path library, long cycles, int inputA, int inputB, int output) throws IOException, InterruptedException {
    return nanosPerCycle(run(List.of(executable.toString(), library.toString(), "pokes", Long.toString(cycles),
        Integer.toString(inputA), Integer.toString(inputB), Integer.toString(output))));
  }

  private static double nanosPerCycle(String output) {
    return Double.parseDouble(output.trim().split(" ")[0]);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static void copy(String resource, Path target) throws IOException {
    try (InputStream in = NativeHarness.class.getResourceAsStream(resource)) {
      Files.write(target, in.readAllBytes());
    }
  }
}
