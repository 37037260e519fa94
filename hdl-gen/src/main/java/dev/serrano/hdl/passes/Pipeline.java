package dev.serrano.hdl.passes;

import dev.serrano.hdl.checks.Checks;
import dev.serrano.hdl.ir.Design;
import java.util.List;

/**
 * From an elaborated design to the form the emitters take: first every check (they never change
 * the design and fail once with all findings), then the passes in this order:
 * <ol>
 *   <li>{@link NameSelectedOperands}: Verilog can select bits only from a name, so operands of bit
 *       selects, sign extensions and nested arithmetic shifts become wires named {@code tmp_<n>}.
 * </ol>
 */
public final class Pipeline {
  private static final List<Pass> PASSES = List.of(new NameSelectedOperands());

  private Pipeline() {}

  /** @throws dev.serrano.hdl.checks.CheckFailedException with every finding, if any */
  public static Design prepare(Design design) {
    Checks.verify(design);
    Design current = design;
    for (Pass pass : PASSES) {
      current = pass.apply(current);
    }
    return current;
  }
}
