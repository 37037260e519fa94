package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Design;
import java.util.ArrayList;
import java.util.List;

/** Runs every check in a fixed order and fails once with all findings. */
public final class Checks {
  private static final List<Check> ALL = List.of(
      new NameCheck(),
      new ClockCheck(),
      new WidthCheck(),
      new DriverCheck(),
      new UnusedCheck(),
      new CombinationalLoopCheck());

  private Checks() {}

  public static List<Finding> run(Design design) {
    List<Finding> findings = new ArrayList<>();
    for (Check check : ALL) {
      check.check(design, findings);
    }
    return findings;
  }

  /** @throws CheckFailedException listing every finding, if there is any */
  public static void verify(Design design) {
    List<Finding> findings = run(design);
    if (!findings.isEmpty()) {
      throw new CheckFailedException(findings);
    }
  }
}
