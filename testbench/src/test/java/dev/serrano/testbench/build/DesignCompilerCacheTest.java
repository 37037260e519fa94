package dev.serrano.testbench.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile cache, each test on an empty cache of its own. */
class DesignCompilerCacheTest {

  @Test
  void concurrentBuildsOfOneKeyInTwoThreadsAndAnotherJvmShareOneEntry(@TempDir Path cacheRoot) throws Exception {
    DesignInterface counter = TestDesigns.load("counter");
    Process otherJvm = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        CacheBuildProcess.class.getName(), cacheRoot.toString(),
        counter.directory().resolve("counter.json").toString())
        .redirectErrorStream(true)
        .start();
    DesignCompiler compiler = new DesignCompiler(new SimulationCache(cacheRoot));
    CompletableFuture<CompiledDesign> first = CompletableFuture.supplyAsync(() -> compiler.compile(counter, TraceKind.NONE));
    CompletableFuture<CompiledDesign> second = CompletableFuture.supplyAsync(() -> compiler.compile(counter, TraceKind.NONE));
    String otherOutput = new String(otherJvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, otherJvm.waitFor(), otherOutput);

    Path workspace = first.get().workspace();
    assertEquals(workspace, second.get().workspace());
    assertTrue(otherOutput.trim().endsWith(workspace.toString()), otherOutput);
    try (Stream<Path> entries = Files.list(cacheRoot.resolve("designs"))) {
      assertEquals(1, entries.count(), "one entry for one key");
    }
    long verilatorRuns = Files.readAllLines(workspace.resolve("build.log")).stream()
        .filter(line -> line.startsWith("$ verilator")).count();
    assertEquals(1, verilatorRuns, "the design was verilated once");
  }

  @Test
  void aCorruptEntryIsRebuilt(@TempDir Path cacheRoot) throws IOException {
    DesignCompiler compiler = new DesignCompiler(new SimulationCache(cacheRoot));
    DesignInterface counter = TestDesigns.load("counter");
    CompiledDesign built = compiler.compile(counter, TraceKind.NONE);
    Files.write(built.library(), new byte[] {1, 2, 3});
    assertTrue(!SimulationCache.isComplete(built.workspace()));

    CompiledDesign rebuilt = compiler.compile(counter, TraceKind.NONE);
    assertEquals(built.workspace(), rebuilt.workspace());
    assertTrue(SimulationCache.isComplete(rebuilt.workspace()));
    assertTrue(Files.size(rebuilt.library()) > 10_000, "a real library again");
  }

  @Test
  void theWorkspaceHoldsARebuildScriptThatRebuildsAndReplaysOutsideJava(@TempDir Path cacheRoot) throws Exception {
    CompiledDesign built = new DesignCompiler(new SimulationCache(cacheRoot)).compile(TestDesigns.load("counter"), TraceKind.NONE);
    Path tape = cacheRoot.resolve("tape.txt");
    Files.write(tape, List.of("set rst 01", "step 1", "set rst 00", "set enable 01", "step 42"));
    Process replay = new ProcessBuilder(built.workspace().resolve("rebuild.sh").toString(), tape.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, replay.waitFor(), output);
    assertTrue(output.contains("count = 0x0000002a"), output);
    assertTrue(output.contains("cycle 43"), output);
  }

  @Test
  void keysChangeWithTheVerilogTheTraceKindAndTheBuildProfileAndNothingElse(@TempDir Path dir) throws IOException {
    DesignInterface counter = TestDesigns.load("counter");
    String key = keyOf(counter, TraceKind.NONE);
    assertEquals(key, keyOf(TestDesigns.load("counter"), TraceKind.NONE), "deterministic");
    assertNotEquals(key, keyOf(counter, TraceKind.VCD));
    assertNotEquals(keyOf(counter, TraceKind.VCD), keyOf(counter, TraceKind.FST));
    assertNotEquals(key, DesignCompiler.keyOf(counter, TraceKind.NONE, BuildProfile.FAST_BUILD));

    Files.copy(counter.directory().resolve("counter.json"), dir.resolve("counter.json"));
    Files.writeString(dir.resolve("counter.v"),
        Files.readString(counter.directory().resolve("counter.v")) + "// one more comment\n");
    assertNotEquals(key, keyOf(DesignInterface.read(dir.resolve("counter.json")), TraceKind.NONE));
  }

  private static String keyOf(DesignInterface design, TraceKind trace) {
    return DesignCompiler.keyOf(design, trace, BuildProfile.FAST_SIMULATION);
  }
}
