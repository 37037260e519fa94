package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.lib.Catalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Without a simulator: random configurations at the long run's limits elaborate and pass every
 * design check (the generation stage of the fuzz, many times over), a seed always gives the same
 * case, every parameter varies, and a case's text form replays it.
 */
class ConfigurationGeneratorTest {
  private static final int CASES = 30;

  @Test
  void fullRangeConfigurationsElaborateAndPassTheChecks() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("ConfigurationGeneratorTest seed=" + seed);
    List<FuzzCase> cases = new ConfigurationGenerator(ConfigurationGenerator.Limits.FULL).cases(seed, CASES);
    Map<String, Set<String>> values = new TreeMap<>();
    for (FuzzCase fuzzCase : cases) {
      EmittedDesign emitted = EmittedDesign.of(Catalog.design(fuzzCase.top(), fuzzCase.parameters()));
      assertTrue(emitted.files().size() > 1, fuzzCase.replayCommand());
      fuzzCase.parameters().forEach((key, value) ->
          values.computeIfAbsent(fuzzCase.top() + "." + key, k -> new TreeSet<>()).add(value));
    }
    values.forEach((parameter, seen) -> assertTrue(seen.size() > 1, parameter + " never varied: " + seen));
    assertEquals(10 + 19, values.size(), "parameters drawn: " + values.keySet());
  }

  @Test
  void aSeedGivesOneCaseAndItsTextReplaysIt() {
    ConfigurationGenerator generator = new ConfigurationGenerator(ConfigurationGenerator.Limits.FULL);
    assertEquals(generator.cases(42, 6), generator.cases(42, 6));
    for (FuzzCase fuzzCase : generator.cases(7, 4)) {
      assertEquals(fuzzCase, FuzzCase.parse(fuzzCase.toString()));
      assertTrue(fuzzCase.replayCommand().startsWith("scripts/fuzz --replay \"" + fuzzCase.top() + " rows="),
          fuzzCase.replayCommand());
    }
    assertEquals(new FuzzCase("pe_array", Map.of("rows", "3"), -5), FuzzCase.parse(" pe_array  rows=3 seed=-5 "));
  }

  @Test
  void malformedCasesAreRefusedByName() {
    assertEquals("a case needs seed=S, got \"pe_array rows=3\"",
        assertThrows(IllegalArgumentException.class, () -> FuzzCase.parse("pe_array rows=3")).getMessage());
    assertEquals("top must be accelerator or pe_array, got \"fifo\"",
        assertThrows(IllegalArgumentException.class, () -> FuzzCase.parse("fifo seed=1")).getMessage());
    assertEquals("seed must be a 64-bit integer, got \"x\"",
        assertThrows(IllegalArgumentException.class, () -> FuzzCase.parse("pe_array seed=x")).getMessage());
  }

  @Test
  void theResizeMatrixCoversEveryShapeFromTwoToSixteenAndTheExtras() {
    List<int[]> shapes = ResizeMatrix.shapes();
    assertEquals(15 * 15 + ResizeMatrix.EXTRA_SHAPES.size(), shapes.size());
    List<FuzzCase> cases = ResizeMatrix.cases(1, shapes, ResizeMatrix.ALL_TYPES, true, true);
    assertEquals(shapes.size() * 7, cases.size());
    FuzzCase first = cases.get(0);
    assertEquals("pe_array rows=2 cols=2 dataflow=both input=s4 weight=s4",
        first.toString().replaceAll(" seed=.*", ""));
    assertEquals("u8", ResizeMatrix.peArray(3, 5, "u8xs4", 1).parameters().get("input"));
    assertEquals("s4", ResizeMatrix.peArray(3, 5, "u8xs4", 1).parameters().get("weight"));
  }
}
