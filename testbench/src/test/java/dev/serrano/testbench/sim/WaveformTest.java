package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveformTest {

  @Test
  void vcdWaveformHoldsTheCountersValues(@TempDir Path dir) throws IOException {
    Path vcd = dir.resolve("waves/counter.vcd");
    runCounter(SimulationOptions.defaults().withWaves(vcd));
    String text = Files.readString(vcd);
    assertTrue(text.contains("$var wire 32"), "declares the 32-bit count");
    assertTrue(text.contains(" count "), "names the count signal");
    assertTrue(text.contains("b00000000000000000000000000001010"), "count reaches 10");
  }

  @Test
  void fstWaveformIsWritten(@TempDir Path dir) throws IOException {
    Path fst = dir.resolve("counter.fst");
    runCounter(SimulationOptions.defaults().withWaves(fst));
    assertTrue(Files.size(fst) > 0, "FST file is not empty");
  }

  @Test
  void dumpingCanBePausedForAWindowOfCycles(@TempDir Path dir) throws IOException {
    Path vcd = dir.resolve("window.vcd");
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"), SimulationOptions.defaults().withWaves(vcd))) {
      sim.reset(1);  // time advances by 1 per clock edge: cycle n ends at time 2n
      sim.step(4);   // up to time 10
      sim.waves(false);
      sim.step(5);   // times 11 to 20: not dumped
      sim.waves(true);
      sim.step(2);   // times 21 to 24
    }
    List<String> lines = Files.readAllLines(vcd);
    assertTrue(lines.contains("#10"), "dumped before the pause");
    assertTrue(!lines.contains("#15") && !lines.contains("#20"), "nothing dumped while paused");
    assertTrue(lines.contains("#24"), "dumped after resuming");
  }

  @Test
  void pausingWithoutAWaveformFileFails() {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.waves(false));
      assertTrue(e.getMessage().contains("was started without a waveform file"), e.getMessage());
    }
  }

  @Test
  void noWaveformUnlessAsked(@TempDir Path dir) throws IOException {
    runCounter(SimulationOptions.defaults());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  private static void runCounter(SimulationOptions options) {
    try (Simulation sim = Simulation.start(TestDesigns.load("counter"), options)) {
      sim.reset(1);
      sim.port("enable").set(1);
      sim.step(10);
      assertEquals(10, sim.port("count").get());
    }
  }
}
