package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native fault in a simulation (here: the bridge handed a handle that points at no model, the
 * kind of bug no Java check can catch once it is in C++) ends the JVM it happens in, with the JVM's
 * fatal error report, and nothing else: this test provokes one in a child JVM and checks that the
 * child reports it and that this JVM goes on simulating. The suite relies on the same isolation:
 * surefire runs every testbench test class in a JVM of its own (docs/hardening.md).
 */
class NativeCrashIsolationTest {
  private static final String STEPPED = "child: stepped to cycle ";
  private static final String SURVIVED = "child: survived the native fault";

  @TempDir
  Path folder;

  /** The child: a simulation that runs, then a native call with a bogus model handle. */
  public static void main(String[] args) {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.step(10);
      System.out.println(STEPPED + sim.cycle());
      System.out.flush();
      NativeDispatch.step(16, 1);
    }
    System.out.println(SURVIVED);
  }

  @Test
  void aNativeFaultEndsOnlyItsOwnJvmWhichReportsIt() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:ErrorFile=" + folder.resolve("hs_err_%p.log"), "-XX:-CreateCoredumpOnCrash",
        "-cp", System.getProperty("java.class.path")));
    String cache = System.getProperty("serrano.sim.cache");
    if (cache != null) {
      command.add("-Dserrano.sim.cache=" + cache);
    }
    command.add(NativeCrashIsolationTest.class.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");

    // The fatal error handler exits 1 when no core dump is wanted (134, SIGABRT, when one is).
    assertEquals(1, child.exitValue(), output);
    assertTrue(output.contains(STEPPED + 10), "the child simulated before the fault:\n" + output);
    assertTrue(output.contains("A fatal error has been detected by the Java Runtime Environment")
        && output.contains("SIGSEGV"), "the child reported the fault:\n" + output);
    assertFalse(output.contains(SURVIVED), output);
    String report = errorReport();
    assertTrue(report.contains("serrano_dispatch_step"), "the report names the native frame:\n"
        + report.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));

    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      sim.step(10);
      assertEquals(10, sim.cycle(), "this JVM goes on simulating");
    }
  }

  private String errorReport() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> reports = files.filter(f -> f.getFileName().toString().startsWith("hs_err_")).toList();
      assertEquals(1, reports.size(), "one fatal error report in " + folder);
      return Files.readString(reports.get(0));
    }
  }
}
