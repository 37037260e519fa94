package dev.serrano.testbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast subset of {@code scripts/fuzz --bad-input}: a few hundred random bad inputs, each refused
 * with exit code 2, a message naming what is wrong and the working folder untouched; and the oracle
 * itself fails an input that is not refused so. The seed comes from {@code -Dfuzz.badInput.seed}
 * or the clock and is printed.
 */
class BadInputFuzzTest {
  private static final int RANDOM_INPUTS = 150;

  @TempDir
  Path work;

  @Test
  void randomBadInputsAreRefusedWithTheirParameterNamedAndNothingWritten() throws IOException {
    long seed = Long.getLong("fuzz.badInput.seed", System.nanoTime());
    System.out.println("BadInputFuzzTest seed=" + seed + " (scripts/fuzz --bad-input --count " + RANDOM_INPUTS
        + " --seed " + seed + ")");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<BadInputRun.Outcome> outcomes = new BadInputRun(work, new PrintStream(log, true, StandardCharsets.UTF_8))
        .run(BadInputRun.seeds(seed, RANDOM_INPUTS));
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    assertEquals(RANDOM_INPUTS, outcomes.size());
    assertTrue(outcomes.stream().allMatch(BadInputRun.Outcome::passed), report);
    assertTrue(report.contains("bad input: " + RANDOM_INPUTS + " inputs, 0 failed"), report);
  }

  @Test
  void theSameSeedDrawsTheSameInput() {
    for (long seed : BadInputRun.seeds(5, 50)) {
      BadInput first = BadInputRun.draw(seed);
      BadInput second = BadInputRun.draw(seed);
      assertEquals(first.args(), second.args());
      assertEquals(first.expected(), second.expected());
      assertEquals(first.kind(), second.kind());
      assertArrayEquals(first.file(), second.file());
    }
  }

  @Test
  void everyCommandAndManyMutationsAreDrawn() {
    Set<String> commands = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (long seed : BadInputRun.seeds(11, 3000)) {
      BadInput input = BadInputRun.draw(seed);
      commands.add(input.command());
      kinds.add(input.command() + " / " + input.kind());
    }
    assertEquals(Set.of(BadInput.GENERATE, BadInput.SYNTH, BadInput.PNR, BadInput.LINT, BadInput.SWEEP_RUN,
        BadInput.SWEEP_MERGE), commands);
    assertTrue(kinds.size() >= 80, kinds.size() + " kinds: " + kinds);
  }

  @Test
  void theOracleFailsAValidInputThatWritesItsOutput() throws IOException {
    BadInput valid = new BadInput(1, BadInput.GENERATE, "valid", List.of("generate", "--top", "fifo", "--out",
        BadInput.DIR + "/fresh"), null, List.of("width must"));
    BadInputRun.Outcome outcome = new BadInputRun(work, System.out).check(valid);
    String problems = String.join("; ", outcome.problems());
    assertTrue(problems.contains("exit code 0, expected 2"), problems);
    assertTrue(problems.contains("the message lacks \""), problems);
    assertTrue(problems.contains("the working folder changed: fresh created"), problems);
  }

  @Test
  void theOracleFailsAMessageThatDoesNotNameTheParameter() throws IOException {
    BadInput input = new BadInput(2, BadInput.GENERATE, "zero", List.of("generate", "--top", "fifo", "--out",
        BadInput.DIR + "/fresh", "-p", "width=0"), null, List.of("depth must"));
    BadInputRun.Outcome outcome = new BadInputRun(work, System.out).check(input);
    assertEquals(1 + 1, outcome.problems().size(), outcome.problems().toString());
    assertTrue(outcome.problems().get(0).startsWith("the message lacks \"depth must\""), outcome.problems().toString());
    assertTrue(outcome.problems().get(1).contains("width must be from 1 to 8192, got 0"), outcome.problems().toString());
  }
}
