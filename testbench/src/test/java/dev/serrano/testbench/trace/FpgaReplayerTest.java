package dev.serrano.testbench.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.accel.Accelerator;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C replayer for FPGA boards builds with the system C compiler against the generated headers
 * (-std=c99 -Wall -Wextra -Werror -pedantic, with the Linux /dev/mem example), and replays a trace
 * against registers and memory in plain RAM: its SHA-256 agrees with Java's, a wrong hash fails.
 */
class FpgaReplayerTest {
  private static final String RAM_TARGET = """
      #include "serrano_replay.h"
      extern const serrano_trace serrano_recorded_trace;
      static uint32_t registers[1024];
      static uint8_t memory[8192];
      int main(void) {
        serrano_target target = {registers, memory, 0, sizeof memory, NULL, NULL};
        target.memory_base = serrano_recorded_trace.memory_base;
        registers[0] = serrano_recorded_trace.id;
        return serrano_replay(&serrano_recorded_trace, &target, stdout);
      }
      """;

  @TempDir
  Path folder;

  @Test
  void theReplayerBuildsAndChecksRegionsLikeJava() throws IOException, InterruptedException {
    DesignInterface design = GeneratedDesigns.generate(folder, "accelerator", Map.of("rows", "3", "cols", "5"));
    byte[] image = new byte[300];  // over four SHA-256 blocks, with a partial last one
    new Random(7).nextBytes(image);
    Path good = export(design, image, Sha256.hex(image), "good");
    assertEquals(0, compileAndRun(good, List.of("serrano_replay_main.c")), "the /dev/mem example links");
    assertEquals(0, compileAndRun(good, List.of("ram_target.c")), "every region matches");
    String wrong = Sha256.hex(new byte[300]);
    Path bad = export(design, image, wrong, "bad");
    assertEquals(1, compileAndRun(bad, List.of("ram_target.c")));
    assertTrue(Files.readString(bad.resolve("run.log")).contains("the simulation's to " + wrong),
        Files.readString(bad.resolve("run.log")));
  }

  private Path export(DesignInterface design, byte[] image, String sha256, String name) throws IOException {
    List<Trace.Step> steps = new ArrayList<>(List.of(
        new Trace.Configure("m_axi", BusSetting.MEMORY, 0, 8192, 0),
        new Trace.Load("m_axi", 0x100, image),
        new Trace.Submit("s_axi", List.of(
            new Trace.LiteOperation(Trace.LiteOperation.Kind.WRITE, 0x20, 5, 0xf, 0, null),
            new Trace.LiteOperation(Trace.LiteOperation.Kind.POLL, 0x20, 4, 4, 100, null),
            new Trace.LiteOperation(Trace.LiteOperation.Kind.READ, 0, 0, 0, 0,
                new Trace.LiteResult(Accelerator.MAGIC << 16, 0, true, 9)))),
        new Trace.Check("m_axi", 0x100, image.length, sha256)));
    Path trace = folder.resolve(name + "-trace");
    TraceFolder.write(new Trace(design.top(), steps, 100), design.directory(), trace);
    Path c = folder.resolve(name + "-c");
    FpgaReplayer.write(TraceFolder.read(trace), c);
    Files.writeString(c.resolve("ram_target.c"), RAM_TARGET);
    return c;
  }

  /** Builds the replayer, the trace and {@code mains} with cc and runs the program; its exit code. */
  private static int compileAndRun(Path c, List<String> mains) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
        "-o", "replay", "serrano_replay.c"));
    try (var files = Files.list(c)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_trace.c")).forEach(command::add);
    }
    command.addAll(mains);
    Process cc = new ProcessBuilder(command).directory(c.toFile()).redirectErrorStream(true).start();
    String output = new String(cc.getInputStream().readAllBytes());
    assertEquals(0, cc.waitFor(), String.join(" ", command) + "\n" + output);
    if (mains.contains("serrano_replay_main.c")) {
      return 0;  // needs a board: built, not run
    }
    Process run = new ProcessBuilder(c.resolve("replay").toString()).directory(c.toFile())
        .redirectErrorStream(true).redirectOutput(c.resolve("run.log").toFile()).start();
    return run.waitFor();
  }
}
