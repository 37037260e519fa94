package dev.serrano.hdl.emit;

import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an expression as Verilog whose value is exactly the IR value at the IR width, whatever
 * context it lands in: every extension is an explicit concatenation, and the Verilog signedness of
 * every piece of text equals its IR signedness ({@code $signed}/{@code $unsigned} only where they
 * differ). Operands that are not atoms are parenthesised, so precedence never needs a thought.
 *
 * <p>Input form: the output of {@code NameSelectedOperands} (bit selects and sign extensions
 * apply to names).
 */
final class ExpressionWriter {
  private ExpressionWriter() {}

  /** Verilog text plus whether it can stand as an operand without parentheses. */
  private record Text(String code, boolean atomic) {
    String operand() {
      return atomic ? code : "(" + code + ")";
    }
  }

  static String write(Expr e) {
    return text(e).code();
  }

  /**
   * The right-hand side of an assignment or register update whose target is exactly as wide as
   * the expression. There, Verilog's own extension of a sized context is exact, so a product
   * {@code a * b} replaces {@code {{8{a[7]}}, a} * {{8{b[7]}}, b}}: shorter, what synthesis maps
   * to one DSP block, and (for products only) accepted by {@code verilator -Wall}.
   */
  static String writeStatementValue(Expr e) {
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MUL) {
      Expr left = innerOfExtension(b.left(), b.type());
      Expr right = innerOfExtension(b.right(), b.type());
      if (left != null && right != null && (left != b.left() || right != b.right())) {
        return text(left).operand() + " " + b.op().symbol + " " + text(right).operand();
      }
    }
    return write(e);
  }

  /**
   * A long statement value split where a reader expects it, or null when it has no such shape: a
   * chain of conditionals (each else-branch a conditional) as one {@code select ? value} per line,
   * the later ones led by {@code : }; a left-nested chain of one bitwise operator as one operand
   * per line, the later ones led by the operator. Both drop only parentheses that Verilog's
   * associativity makes redundant (the conditional groups to the right, binary operators to the
   * left), and parentheses never change Verilog's sizing or signedness.
   */
  static List<String> writeChain(Expr e) {
    List<String> lines = new ArrayList<>();
    if (e instanceof Expr.Mux) {
      Expr rest = e;
      while (rest instanceof Expr.Mux m) {
        lines.add((lines.isEmpty() ? "" : ": ") + text(m.select()).operand() + " ? " + text(m.whenTrue()).operand());
        rest = m.whenFalse();
      }
      lines.add(": " + text(rest).operand());
      return lines;
    }
    if (e instanceof Expr.Binary b && CHAINED.contains(b.op())) {
      List<Expr> operands = new ArrayList<>();
      Expr rest = e;
      while (rest instanceof Expr.Binary x && x.op() == b.op()) {
        operands.add(0, x.right());
        rest = x.left();
      }
      operands.add(0, rest);
      for (Expr operand : operands) {
        lines.add((lines.isEmpty() ? "" : b.op().symbol + " ") + text(operand).operand());
      }
      return lines;
    }
    return null;
  }

  private static final Set<Expr.BinaryOp> CHAINED = Set.of(Expr.BinaryOp.OR, Expr.BinaryOp.AND, Expr.BinaryOp.XOR);

  /**
   * The operand before extension when Verilog's implicit extension in a {@code type} context gives
   * the same bits: the extension keeps signedness and extends a name or constant, whose value
   * cannot change with the context width.
   */
  private static Expr innerOfExtension(Expr operand, Type type) {
    if (operand instanceof Expr.Resize r && r.operand().type().signed() == type.signed()
        && r.type().signed() == type.signed()
        && (r.operand() instanceof Expr.Ref || r.operand() instanceof Expr.Const)) {
      return r.operand();
    }
    return operand.type().signed() == type.signed() ? operand : null;
  }

  private static Text text(Expr e) {
    if (e instanceof Expr.Ref r) {
      return new Text(r.name(), true);
    } else if (e instanceof Expr.Const c) {
      return literal(c);
    } else if (e instanceof Expr.Unary u) {
      // ~x binds tighter than any binary operator; -x and reductions keep parentheses for the reader.
      return new Text(u.op().symbol + text(u.operand()).operand(), u.op() == Expr.UnaryOp.NOT);
    } else if (e instanceof Expr.Binary b) {
      return new Text(text(b.left()).operand() + " " + b.op().symbol + " " + text(b.right()).operand(), false);
    } else if (e instanceof Expr.Mux m) {
      return new Text(text(m.select()).operand() + " ? " + text(m.whenTrue()).operand() + " : "
          + text(m.whenFalse()).operand(), false);
    } else if (e instanceof Expr.Concat c) {
      return new Text("{" + c.parts().stream().map(ExpressionWriter::selfDetermined).collect(Collectors.joining(", "))
          + "}", true);
    } else if (e instanceof Expr.Slice s) {
      return new Text(select((Expr.Ref) s.operand(), s.msb(), s.lsb()), true);
    } else if (e instanceof Expr.Resize r) {
      return resize(r);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private static String select(Expr.Ref ref, int msb, int lsb) {
    if (ref.type().width() == 1) {
      return ref.name();
    }
    return msb == lsb ? ref.name() + "[" + msb + "]" : ref.name() + "[" + msb + ":" + lsb + "]";
  }

  private static Text resize(Expr.Resize r) {
    Text body = extension(r);
    boolean bodySigned = r.type().width() == r.operand().type().width() && r.operand().type().signed();
    if (bodySigned == r.type().signed()) {
      return body;
    }
    return new Text((r.type().signed() ? "$signed(" : "$unsigned(") + body.code() + ")", true);
  }

  /**
   * The operand extended to the resize width, as text whose signedness is the operand's when no
   * bits are added and unsigned (a concatenation) otherwise.
   */
  private static Text extension(Expr.Resize r) {
    Type from = r.operand().type();
    int extra = r.type().width() - from.width();
    if (extra == 0) {
      return text(r.operand());
    } else if (from.signed()) {
      Expr.Ref ref = (Expr.Ref) withoutCasts(r.operand());
      String sign = select(ref, from.width() - 1, from.width() - 1);
      String copies = extra == 1 ? sign : "{" + extra + "{" + sign + "}}";
      return from.width() == 1
          ? new Text("{" + (extra + 1) + "{" + ref.name() + "}}", true)
          : new Text("{" + copies + ", " + ref.name() + "}", true);
    }
    return new Text("{" + extra + "'d0, " + selfDetermined(r.operand()) + "}", true);
  }

  /** The expression under any same-width resizes (signedness casts). */
  private static Expr withoutCasts(Expr e) {
    Expr inner = e;
    while (inner instanceof Expr.Resize r && r.type().width() == r.operand().type().width()) {
      inner = r.operand();
    }
    return inner;
  }

  /**
   * An expression whose signedness cannot matter (a concatenation part, or an instance connection,
   * whose width the checks made equal to the port's): written without signedness casts. Yosys
   * also rejects {@code $signed} in port connections.
   */
  static String writeBits(Expr e) {
    return selfDetermined(e);
  }

  /** Text for a self-determined position (a concatenation part), where signedness casts change nothing. */
  private static String selfDetermined(Expr e) {
    Expr inner = withoutCasts(e);
    return inner instanceof Expr.Resize r ? extension(r).code() : text(inner).code();
  }

  private static Text literal(Expr.Const c) {
    int width = c.type().width();
    if (!c.type().signed()) {
      return new Text(width == 1 ? "1'b" + c.bits() : width + "'d" + c.bits(), true);
    }
    BigInteger value = c.value();
    BigInteger mostNegative = BigInteger.ONE.shiftLeft(width - 1).negate();
    if (value.signum() >= 0) {
      return new Text(width + "'sd" + value, true);
    } else if (value.equals(mostNegative)) {
      return new Text(width + "'sh" + c.bits().toString(16), true);
    }
    return new Text("-" + width + "'sd" + value.negate(), false);
  }
}
