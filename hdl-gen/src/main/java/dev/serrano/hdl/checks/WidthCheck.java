package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Exprs;
import dev.serrano.hdl.ir.IrPrinter;
import dev.serrano.hdl.ir.Module;
import java.util.List;
import java.util.Optional;

/**
 * Widths never change silently: a value fills its destination exactly, operands of bitwise and
 * comparison operators match, arithmetic operands are no wider than the result, and comparisons
 * and arithmetic shifts have an unambiguous signedness. Extension and truncation are explicit
 * builder calls ({@code zext}, {@code sext}, {@code slice}).
 */
final class WidthCheck implements Check {
  @Override
  public void check(Design design, List<Finding> findings) {
    for (Module module : design.modules()) {
      ModuleIndex index = new ModuleIndex(module);
      for (Use use : Use.of(index)) {
        String path = index.path(use.subject());
        int actual = use.expr().type().width();
        if (use.expectedWidth() > 0 && actual != use.expectedWidth()) {
          findings.add(new Finding("width", path,
              use.role() + " is " + actual + " bits but " + use.subject() + " takes " + use.expectedWidth()
                  + (actual > use.expectedWidth() ? " (use slice to truncate)" : " (use zext or sext to extend)"),
              use.source()));
        }
        Exprs.forEachNode(use.expr(), node -> operatorProblem(node).ifPresent(problem ->
            findings.add(new Finding("width", path, use.role() + ": " + problem, use.source()))));
      }
    }
  }

  private static Optional<String> operatorProblem(Expr node) {
    if (node instanceof Expr.Binary b) {
      int left = b.left().type().width();
      int right = b.right().type().width();
      String text = IrPrinter.expr(b);
      if (b.op().isArithmetic() && (left > b.type().width() || right > b.type().width())) {
        return Optional.of(b.op() + " operand of " + Math.max(left, right) + " bits is wider than its "
            + b.type().width() + "-bit result in " + text);
      }
      if ((b.op().isBitwise() || b.op().isComparison()) && left != right) {
        return Optional.of(b.op() + " of a " + left + "-bit and a " + right + "-bit value in " + text);
      }
      if (b.op().isComparison() && b.left().type().signed() != b.right().type().signed()) {
        return Optional.of(b.op() + " compares a signed with an unsigned value in " + text
            + " (use asSigned or asUnsigned)");
      }
      if (b.op() == Expr.BinaryOp.ASHR && !b.left().type().signed()) {
        return Optional.of("arithmetic shift of an unsigned value in " + text + " (use shr or asSigned)");
      }
    } else if (node instanceof Expr.Mux m) {
      if (m.select().type().width() != 1) {
        return Optional.of("mux select is " + m.select().type().width() + " bits, not 1, in " + IrPrinter.expr(m));
      }
      if (m.whenTrue().type().width() != m.whenFalse().type().width()) {
        return Optional.of("mux arms of " + m.whenTrue().type().width() + " and " + m.whenFalse().type().width()
            + " bits in " + IrPrinter.expr(m));
      }
    } else if (node instanceof Expr.Resize r && r.type().width() < r.operand().type().width()) {
      return Optional.of("extension to " + r.type().width() + " bits of a " + r.operand().type().width()
          + "-bit value would truncate it (use slice) in " + IrPrinter.expr(r));
    }
    return Optional.empty();
  }
}
