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

  @Test
  void axiModelConfigurationAndMemoryWritesReplayToTheSameRun(@TempDir Path dir) throws Exception {
    Path tape = dir.resolve("axi.tape");
    Path workspace;
    long cycle;
    long readSum;
    AxiCounters counters;
    try (Simulation sim = Simulation.start(TestDesigns.load("axi_burst"), SimulationOptions.defaults().withTape(tape))) {
      workspace = sim.workspace();
      AxiMemoryModel axi = sim.axi("m_axi").memory(0x10000, 0x10000).seed(42).stallAll(0.4).readLatency(5);
      byte[] data = new byte[4096];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 7 + 1);
      }
      axi.write(0x11000, data);
      axi.fill(0x12000, 64, (byte) 0x3C);
      sim.reset(2);
      sim.port("desc_addr").set(0x11008);
      sim.port("desc_len").set(63);
      sim.port("desc_size").set(4);
      sim.port("desc_count").set(3);
      sim.port("desc_stride").set(0x400);
      sim.port("start").set(1);
      sim.step();
      sim.port("start").set(0);
      sim.runUntil(sim.port("busy").is(0), 100_000);
      cycle = sim.cycle();
      readSum = sim.port("read_sum").get();
      counters = axi.counters();
      assertTrue(counters.arStalls() > 0 && counters.readBeats() == 192, counters.toString());
    }
    String text = Files.readString(tape);
    assertTrue(text.contains("bus_configure 0 1 65536 65536 0"), text);
    assertTrue(text.contains("bus_write 0 4096 4096 axi.tape.bus 0"), text);
    assertTrue(text.contains("bus_write 0 8192 64 axi.tape.bus 4096"), text);

    Path copy = dir.resolve("workspace");
    copyFolder(workspace, copy);
    Process replay = new ProcessBuilder(copy.resolve("rebuild.sh").toString(), tape.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, replay.waitFor(), output);
    assertTrue(output.contains("cycle " + cycle + "\n"), output);
    assertTrue(output.contains(String.format("read_sum = 0x%08x", readSum)), output);
    assertTrue(output.contains("bus m_axi counters " + counters.readBursts() + " " + counters.readBeats() + " "
        + counters.readBytes()), output);
  }

  @Test
  void anAxiViolationReplaysToTheSameMessage(@TempDir Path dir) throws Exception {
    Path tape = dir.resolve("violation.tape");
    Path workspace;
    String message;
    try (Simulation sim = Simulation.start(TestDesigns.load("axi_manual"), SimulationOptions.defaults().withTape(tape))) {
      workspace = sim.workspace();
      sim.step(3);
      sim.port("drv_araddr").set(0xFF8);
      sim.port("drv_arlen").set(1);
      sim.port("drv_arsize").set(3);
      sim.port("drv_arburst").set(1);
      sim.port("drv_arvalid").set(1);
      AxiProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(AxiProtocolException.class, sim::step);
      message = e.getMessage().substring(0, e.getMessage().indexOf(" (design"));
    }
    Path copy = dir.resolve("workspace");
    copyFolder(workspace, copy);
    Process replay = new ProcessBuilder(copy.resolve("rebuild.sh").toString(), tape.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, replay.waitFor(), output);
    assertTrue(output.contains("status 7: " + message), message + "\n" + output);
    assertTrue(message.startsWith("m_axi: cycle 3, channel AR: burst crosses a 4 KiB boundary"), message);
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
