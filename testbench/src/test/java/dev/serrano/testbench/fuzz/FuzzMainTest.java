package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** scripts/fuzz's bad input (the fault campaign's too): exit code 2 before any case runs; a resize sample is seeded. */
class FuzzMainTest {
  @Test
  void badInputExitsWithTwoBeforeAnyCaseRuns() {
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--count", "0"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--gemms", "0"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("-j", "65"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--resize", "--tops", "fifo"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--replay", "pe_array rows=3"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--resize", "--types", "s8xs8xs8"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--bad-input", "--replay", "pe_array rows=3 seed=1"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--bad-input", "--count", "0"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--count", "0"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "-j", "0"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--resize"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--small"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--icarus"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--bad-input"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--replay", "flood accelerator rows=3 seed=1"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--replay", "hang pe_array rows=3 seed=1"));
    assertEquals(FuzzMain.BAD_INPUT, FuzzMain.run("--faults", "--replay", "hang accelerator rows=3"));
  }

  @Test
  void aSampleIsSeededAndKeepsTheMatrixOrder() {
    List<FuzzCase> all = ResizeMatrix.cases(3, ResizeMatrix.shapes(), List.of("s8"), true, false);
    List<FuzzCase> sample = FuzzMain.sample(all, 5, 11);
    assertEquals(sample, FuzzMain.sample(all, 5, 11));
    assertEquals(5, sample.size());
    for (int i = 1; i < sample.size(); i++) {
      assertEquals(true, all.indexOf(sample.get(i - 1)) < all.indexOf(sample.get(i)), "matrix order");
    }
    assertEquals(all, FuzzMain.sample(all, all.size() + 1, 11));
  }
}
