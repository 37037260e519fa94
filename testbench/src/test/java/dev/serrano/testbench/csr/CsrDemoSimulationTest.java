package dev.serrano.testbench.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.csr.CsrDemo;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.design.RegisterMapSpec;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiLiteResponseException;
import dev.serrano.testbench.sim.AxiLiteResult;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code csr_demo} register block driven through the native AXI4-Lite master, by
 * register names from the interface JSON: every access kind, the command FIFO against a randomly
 * ready consumer, SLVERR for unmapped offsets, random master delays.
 */
class CsrDemoSimulationTest {

  @TempDir
  static Path folder;
  private static DesignInterface design;

  private Simulation sim;
  private AxiLiteMaster host;
  private RegisterMapSpec map;

  @BeforeAll
  static void generate() {
    design = GeneratedDesigns.generate(folder, CsrDemoBench.build());
  }

  @BeforeEach
  void start() {
    sim = Simulation.start(design);
    sim.reset(2);
    host = sim.axiLite("s_axi");
    map = host.registers();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void identificationAndResetValues() {
    assertEquals((long) CsrDemo.MAGIC << 16 | CsrDemo.VERSION, host.read("id"));
    assertEquals(map.register("id").reset(), host.read("id"));
    assertEquals(0x204, host.read("features"));
    assertEquals(0x0040_1010L, host.read("tile"));
    assertEquals(0, host.read("ctrl"));
  }

  @Test
  void configurationFieldsWriteAndReadBack() {
    RegisterMapSpec.FieldSpec mode = map.field("ctrl", "mode");
    long value = mode.insert(map.field("ctrl", "enable").insert(0, 1), mode.value("conv"));
    host.write("ctrl", value | 0xffff_fff0L);  // bits outside fields are not stored
    assertEquals(value, host.read("ctrl"));
    assertEquals(1, sim.port("ctrl_enable").get());
    assertEquals(2, sim.port("ctrl_mode").get());
    // Byte strobes: only byte 1 of the shadow changes.
    List<AxiLiteResult> results = host.batch().write(map.offset("tile"), 0xaabb_ccddL, 0b0010).read("tile").run(1000);
    assertEquals(0x0040_cc10L, results.get(1).value());
  }

  @Test
  void shadowedRegisterTakesEffectOnCommit() {
    host.write("tile", 0x0100_0804L);
    assertEquals(0x0100_0804L, host.read("tile"), "software reads the shadow");
    sim.step(5);
    assertEquals(16, sim.port("tile_rows").get(), "the hardware keeps the active copy until commit");
    assertEquals(64, sim.port("tile_depth").get());
    sim.port("commit").set(1);
    sim.step();
    sim.port("commit").set(0);
    sim.eval();
    assertEquals(4, sim.port("tile_rows").get());
    assertEquals(8, sim.port("tile_cols").get());
    assertEquals(256, sim.port("tile_depth").get());
  }

  @Test
  void statusReadsTheHardwareInputs() {
    sim.port("status_busy").set(1);
    sim.port("status_state").set(9);
    assertEquals(0x91, host.read("status"));
  }

  @Test
  void flagsAreStickyClearedByWritingOnesAndDriveTheInterrupt() {
    pulse("error_lane_set", 0b0100);
    pulse("error_dma_set", 1);
    assertEquals(0x41, host.read("error"), "flags stay set after the pulses");
    assertEquals(0, sim.port("irq").get(), "no interrupt while disabled");
    host.write("irq_enable", 0x1);
    sim.eval();
    assertEquals(1, sim.port("irq").get(), "dma flag and enable");
    host.write("error", 0x0);
    assertEquals(0x41, host.read("error"), "writing zeros clears nothing");
    host.write("error", 0x1);
    assertEquals(0x40, host.read("error"));
    assertEquals(0, sim.port("irq").get(), "the lane flag is not enabled");
    host.write("irq_enable", 0xf0);
    assertEquals(1, sim.port("irq").get());
    host.write("error", 0xff);
    assertEquals(0, host.read("error"));
    assertEquals(0, sim.port("irq").get());
  }

  @Test
  void counterReadsAreCoherentWhileTheCounterRuns() {
    long seed = new Random().nextLong();
    System.out.println("counterReadsAreCoherentWhileTheCounterRuns seed=" + seed);
    host.seed(seed).delays(0.3, 0.3);
    long startValue = 0xffff_ffc0L;  // the low word wraps during the reads
    sim.port("count_start").set(startValue);
    sim.port("count_load").set(1);
    sim.step();
    sim.port("count_load").set(0);
    long loaded = sim.cycle();  // the counter holds startValue + (cycle - loaded)
    AxiLiteMaster.Batch batch = host.batch();
    for (int i = 0; i < 40; i++) {
      batch.read("cycles_lo").read("cycles_hi");
    }
    List<AxiLiteResult> results = batch.run(100_000);
    long previous = startValue;
    boolean wrapped = false;
    for (int i = 0; i < results.size(); i += 2) {
      long value = results.get(i + 1).value() << 32 | results.get(i).value();
      long atLoCompletion = startValue + (results.get(i).cycle() - loaded);
      assertTrue(value >= previous && value <= atLoCompletion, "pair " + i / 2 + ": 0x" + Long.toHexString(value)
          + " not within [0x" + Long.toHexString(previous) + ", 0x" + Long.toHexString(atLoCompletion) + "]");
      wrapped |= value >>> 32 == 1;
      previous = value;
    }
    assertTrue(wrapped, "the reads crossed the low word's wrap");
  }

  @Test
  void commandsArriveWholeAndInOrderUnderBackPressure() {
    long seed = new Random().nextLong();
    System.out.println("commandsArriveWholeAndInOrderUnderBackPressure seed=" + seed);
    Random random = new Random(seed);
    host.seed(seed).delays(0.2, 0.2);
    int commands = 20;
    AxiLiteMaster.Batch batch = host.batch();
    for (int i = 0; i < commands; i++) {
      batch.write("cmd_word0", 0x100 * i + 1).write("cmd_word1", 0x8000_0000L + i);
    }
    batch.submit();
    List<Long> received = new ArrayList<>();
    sim.port("cmd_ready").set(0);
    sim.step(200);
    long completed = host.counters()[1];
    assertTrue(completed < 2L * commands && completed >= 2L * (CsrDemo.COMMAND_DEPTH + 1),
        "the master waits on the full FIFO: " + completed + " writes done");
    for (int cycle = 0; cycle < 20_000 && received.size() < commands; cycle++) {
      boolean ready = random.nextBoolean();
      sim.port("cmd_ready").set(ready ? 1 : 0);
      if (ready && sim.port("cmd_valid").get() == 1) {
        received.add(sim.port("cmd_data").get());
      }
      sim.step();
    }
    host.runUntilIdle(10_000);
    List<AxiLiteResult> results = host.collect();
    assertEquals(2 * commands, results.size());
    assertTrue(results.stream().allMatch(AxiLiteResult::okay));
    for (int i = 0; i < commands; i++) {
      long expected = (0x8000_0000L + i) << 32 | (0x100L * i + 1);
      assertEquals(expected, received.get(i), "command " + i);
    }
  }

  @Test
  void unmappedOffsetsAnswerSlverr() {
    List<AxiLiteResult> results = host.batch().read(0x30).write(0x30, 5).read(0xffc).read("id").run(1000);
    assertEquals(AxiResponse.SLVERR, results.get(0).response());
    assertEquals(AxiResponse.SLVERR, results.get(1).response());
    assertEquals(AxiResponse.SLVERR, results.get(2).response());
    assertEquals(AxiResponse.OKAY, results.get(3).response());
    assertEquals(0, host.batch().read("cmd_word0").run(100).get(0).value(), "write-only words read as 0");
    AxiLiteResponseException e = assertThrows(AxiLiteResponseException.class, () -> host.read(0x34));
    assertTrue(e.getMessage().contains("SLVERR"), e.getMessage());
  }

  @Test
  void pollWaitsForTheHardwareNatively() {
    sim.port("status_busy").set(1);
    host.batch().poll(map.offset("status"), 1, 0, 5000).submit();
    sim.step(100);
    assertFalse(host.idle());
    sim.port("status_busy").set(0);
    host.runUntilIdle(1000);
    AxiLiteResult result = host.collect().get(0);
    assertTrue(result.matched());
    assertTrue(host.counters()[4] > 10, "re-read while busy: " + host.counters()[4]);
    sim.port("status_busy").set(1);
    AxiLiteResponseException e = assertThrows(AxiLiteResponseException.class,
        () -> host.poll("status", "busy", 0, 50));
    assertFalse(e.result().matched());
  }

  @Test
  void randomDelaysChangeTimingNotResultsAndAreSeeded() {
    long seed = new Random().nextLong();
    System.out.println("randomDelaysChangeTimingNotResultsAndAreSeeded seed=" + seed);
    List<Long> plain = mixedRun();
    long plainCycles = sim.cycle();
    sim.close();
    long[] cycles = new long[2];
    for (int run = 0; run < 2; run++) {
      start();
      host.seed(seed).delays(0.5, 0.5);
      long begin = sim.cycle();
      assertEquals(plain, mixedRun());
      cycles[run] = sim.cycle() - begin;
      if (run == 0) {
        sim.close();
      }
    }
    assertEquals(cycles[0], cycles[1], "same seed, same timing");
    assertTrue(cycles[0] > plainCycles - 2, "delays cost cycles: " + cycles[0] + " vs " + plainCycles);
  }

  private List<Long> mixedRun() {
    List<Long> values = new ArrayList<>();
    for (AxiLiteResult r : host.batch().write("ctrl", 3).read("ctrl").write("tile", 0x1234_5678L).read("tile")
        .read("id").write("irq_enable", 0x13).read("irq_enable").read(0x30).run(10_000)) {
      values.add(r.value() | (long) r.response().code() << 32);
    }
    return values;
  }

  private void pulse(String port, long value) {
    sim.port(port).set(value);
    sim.step();
    sim.port(port).set(0);
    sim.step();
  }
}
