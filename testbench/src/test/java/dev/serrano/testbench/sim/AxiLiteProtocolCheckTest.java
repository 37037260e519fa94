package dev.serrano.testbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.TestDesigns;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AXI4-Lite master's checks of the slave, against {@code axil_broken} (one bug per {@code mode}):
 * each violation names the bus, the channel and the cycle; mode 0 is legal and silent.
 */
class AxiLiteProtocolCheckTest {

  private Simulation sim;
  private AxiLiteMaster host;

  @BeforeEach
  void start() {
    sim = Simulation.start(TestDesigns.load("axil_broken"));
    host = sim.axiLite("s_axi");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private AxiProtocolException violation(int mode, AxiLiteMaster.Batch batch, AxiChannel channel, String text) {
    sim.port("mode").set(mode);
    batch.submit();
    AxiProtocolException e = assertThrows(AxiProtocolException.class, () -> host.runUntilIdle(100));
    assertEquals("s_axi", e.bus());
    assertEquals(channel, e.channel(), e.getMessage());
    assertEquals(sim.cycle(), e.cycle(), e.getMessage());
    assertTrue(e.problem().contains(text), e.getMessage());
    return e;
  }

  @Test
  void legalSlaveIsSilentAndChecked() {
    host.seed(3).delays(0.5, 0.5);
    List<AxiLiteResult> results = host.batch().write(0, 0x1234).read(0).write(4, 7).read(8).run(1000);
    assertEquals(0x1234, results.get(1).value());
    assertEquals(7, results.get(3).value());
    assertTrue(host.counters()[6] >= 8, "handshakes checked: " + host.counters()[6]);
  }

  @Test
  void bvalidDroppedBeforeBready() {
    host.delays(0, 1.0);
    violation(1, host.batch().write(0, 1), AxiChannel.B, "BVALID dropped before BREADY");
  }

  @Test
  void rdataChangedBeforeRready() {
    host.delays(0, 1.0);
    violation(2, host.batch().read(0), AxiChannel.R, "RDATA changed from 0x0 to 0x1 while RVALID was high");
  }

  @Test
  void bvalidWithoutWrite() {
    violation(3, host.batch().read(0).read(0).read(0), AxiChannel.B, "BVALID without a write awaiting its response");
  }

  @Test
  void secondReadResponse() {
    violation(4, host.batch().read(0).read(0), AxiChannel.R, "RVALID without a read awaiting its response");
  }
}
