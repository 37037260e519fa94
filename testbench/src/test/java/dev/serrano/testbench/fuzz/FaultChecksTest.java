package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.testbench.sim.AxiChannel;
import org.junit.jupiter.api.Test;

/** The hang check reads the driver's message: the cycle at or after the limit and the stuck channel. */
class FaultChecksTest {
  private static final String HANG = "the accelerator did not reach the program's FENCE within 2000 cycles: at cycle"
      + " 2146, the FENCE event never came (events 0x0); m_axi at cycle 2146: W valid without ready (2043 stall"
      + " cycles so far), AR AW R B idle; status 0xb [busy, store_busy, exec_idle]";

  @Test
  void aHangNamingTheCycleAndTheChannelPasses() {
    assertEquals(2146, FaultChecks.requireHangNamed(HANG, 2000, AxiChannel.W));
  }

  @Test
  void aHangNamingAnotherChannelOrAnEarlyCycleFails() {
    CaseFailure channel = assertThrows(CaseFailure.class, () -> FaultChecks.requireHangNamed(HANG, 2000,
        AxiChannel.AW));
    assertTrue(channel.getMessage().startsWith("the hang does not name AW as stuck"), channel.getMessage());
    assertEquals(CaseFailure.Stage.FAULT, channel.stage());
    CaseFailure early = assertThrows(CaseFailure.class, () -> FaultChecks.requireHangNamed(
        HANG.replace("at cycle 2146,", "at cycle 1999,"), 2000, AxiChannel.W));
    assertTrue(early.getMessage().contains("before its limit"), early.getMessage());
    assertThrows(CaseFailure.class, () -> FaultChecks.requireHangNamed(HANG, 3000, AxiChannel.W));
    assertThrows(CaseFailure.class, () -> FaultChecks.requireHangNamed(
        HANG.replace("(2043 stall", "(0 stall"), 2000, AxiChannel.W));
  }
}
