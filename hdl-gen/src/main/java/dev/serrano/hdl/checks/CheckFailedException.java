package dev.serrano.hdl.checks;

import java.util.List;
import java.util.stream.Collectors;

/** Every finding of a failed check run, in check order then design order. */
public final class CheckFailedException extends RuntimeException {
  private final List<Finding> findings;

  public CheckFailedException(List<Finding> findings) {
    super(findings.size() + (findings.size() == 1 ? " problem" : " problems") + " in the design:\n"
        + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
    this.findings = List.copyOf(findings);
  }

  public List<Finding> findings() {
    return findings;
  }
}
