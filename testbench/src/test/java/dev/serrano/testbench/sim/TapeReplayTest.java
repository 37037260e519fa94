package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.TestDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tape recorded from Java (port and memory writes) replays outside Java, through the workspace's rebuild.sh. */
class TapeReplayTest {

  @Test
  void aRecordedRunReplaysToTheSameStateAndTheSameFatal(@TempDir Path dir) throws Exception {
    Path tape = dir.resolve("terminator.tape");
    Path workspace;
    try (Simulation sim = Simulation.start(TestDesigns.load("terminator"), SimulationOptions.defaults().withTape(tape))) {
      workspace = sim.workspace();
      sim.reset(2);
      sim.step(7);
      sim.port("fatal_now").set(1);
      try {
        sim.step(3);
      } catch (SimulationFatalException expected) {
        assertEquals(9, sim.cycle(), "2 reset cycles + 7; the fatal edge does not complete a cycle");
      }
    }
    assertTrue(Files.readString(tape).contains("set fatal_now 01"), Files.readString(tape));

    Path copy = dir.resolve("workspace");
    copyFolder(workspace, copy);
    Process replay = new ProcessBuilder(copy.resolve("rebuild.sh").toString(), tape.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, replay.waitFor(), "the replay fails as the Java run did:\n" + output);
    assertTrue(output.contains("cycle 9"), output);
    assertTrue(output.contains("ticks = 0x0008"), output);
    assertTrue(output.contains("terminator: fatal requested after 7 ticks"), output);
  }

  @Test
  void memoryWritesReplayToo(@TempDir Path dir) throws Exception {
    Path tape = dir.resolve("fifo.tape");
    Path workspace;
    DesignInterface fifo = GeneratedDesigns.generate(dir, "fifo", Map.of("width", "32", "depth", "16"));
    try (Simulation sim = Simulation.start(fifo, SimulationOptions.defaults().withTape(tape))) {
      workspace = sim.workspace();
      sim.reset(2);
      sim.port("out_ready").set(0);
      sim.port("in_valid").set(1);
      sim.step(3);  // words 0 to 2 stored; word 0 moves on to the output register
      sim.port("in_valid").set(0);
      sim.memory("storage").write(1, new long[] {0x11, 0x22});
      sim.port("out_ready").set(1);
      sim.step(1);
      assertEquals(0x11, sim.port("out_data").get());
    }
    assertTrue(Files.readString(tape).contains("mem_write 0 1 2 11 22"), Files.readString(tape));

    Path copy = dir.resolve("workspace");
    copyFolder(workspace, copy);
    Process replay = new ProcessBuilder(copy.resolve("rebuild.sh").toString(), tape.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, replay.waitFor(), output);
    assertTrue(output.contains("out_data = 0x00000011"), output);
  }

  private static void copyFolder(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
