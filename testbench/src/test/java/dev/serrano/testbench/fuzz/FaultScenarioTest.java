package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault campaign's scenarios: drawn from the seed alone, every kind drawn, the text replays one. */
class FaultScenarioTest {
  @Test
  void theSameSeedDrawsTheSameScenariosOnAFewConfigurations() {
    List<FaultScenario> scenarios = FaultCampaign.scenarios(20261127, 60);
    assertEquals(scenarios, FaultCampaign.scenarios(20261127, 60));
    assertNotEquals(scenarios, FaultCampaign.scenarios(20261128, 60));
    Set<Map<String, String>> configurations = new HashSet<>();
    Set<Long> seeds = new HashSet<>();
    EnumSet<FaultScenario.Fault> kinds = EnumSet.noneOf(FaultScenario.Fault.class);
    for (FaultScenario scenario : scenarios) {
      configurations.add(scenario.configuration().parameters());
      seeds.add(scenario.seed());
      kinds.add(scenario.fault());
      assertEquals(FuzzCase.ACCELERATOR, scenario.configuration().top());
    }
    assertTrue(configurations.size() > 1 && configurations.size() <= FaultCampaign.CONFIGURATIONS,
        "a few configurations, each reused: " + configurations.size());
    assertEquals(60, seeds.size(), "every scenario its own seed");
    assertEquals(EnumSet.allOf(FaultScenario.Fault.class), kinds, "every kind in 60 draws");
  }

  @Test
  void theTextReplaysTheScenario() {
    for (FaultScenario scenario : FaultCampaign.scenarios(7, 12)) {
      assertEquals(scenario, FaultScenario.parse(scenario.toString()));
      assertTrue(scenario.toString().startsWith(scenario.fault().text() + " accelerator "), scenario.toString());
      assertEquals("scripts/fuzz --faults --replay \"" + scenario + "\"", scenario.replayCommand());
    }
    FaultScenario hang = FaultScenario.parse("hang accelerator rows=3 cols=5 seed=-4");
    assertEquals(FaultScenario.Fault.HANG, hang.fault());
    assertEquals(Map.of("rows", "3", "cols", "5"), hang.configuration().parameters());
    assertEquals(-4, hang.seed());
  }

  @Test
  void badTextNamesWhatIsWrong() {
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> FaultScenario.parse("flood accelerator rows=3 seed=1"));
    assertTrue(kind.getMessage().contains("read_error") && kind.getMessage().contains("\"flood\""),
        kind.getMessage());
    IllegalArgumentException top = assertThrows(IllegalArgumentException.class,
        () -> FaultScenario.parse("stalls pe_array rows=3 seed=1"));
    assertTrue(top.getMessage().contains("accelerator"), top.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultScenario.parse("stalls"));
  }
}
