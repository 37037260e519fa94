package dev.serrano.hdl;

import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import java.util.Map;

/**
 * The reference semantics of IR expressions, written from the IR grammar (not from the emitter):
 * values are bit patterns of their type's width; signedness matters only where the grammar says.
 */
public final class IrEvaluator {
  private IrEvaluator() {}

  public static BigInteger eval(Expr e, Map<String, BigInteger> env) {
    Type t = e.type();
    if (e instanceof Expr.Ref r) {
      BigInteger v = env.get(r.name());
      if (v == null) {
        throw new IllegalArgumentException("no value for " + r.name());
      }
      return v;
    } else if (e instanceof Expr.Const c) {
      return c.bits();
    } else if (e instanceof Expr.Unary u) {
      BigInteger x = eval(u.operand(), env);
      int w = u.operand().type().width();
      return switch (u.op()) {
        case NOT -> wrap(x.not(), w);
        case NEG -> wrap(x.negate(), w);
        case REDUCE_AND -> x.equals(mask(w)) ? BigInteger.ONE : BigInteger.ZERO;
        case REDUCE_OR -> x.signum() != 0 ? BigInteger.ONE : BigInteger.ZERO;
        case REDUCE_XOR -> BigInteger.valueOf(x.bitCount() & 1);
      };
    } else if (e instanceof Expr.Binary b) {
      BigInteger l = eval(b.left(), env);
      BigInteger r = eval(b.right(), env);
      boolean signed = b.left().type().signed() && b.right().type().signed();
      BigInteger lv = signed ? value(l, b.left().type()) : l;
      BigInteger rv = signed ? value(r, b.right().type()) : r;
      int w = t.width();
      return switch (b.op()) {
        case ADD -> wrap(l.add(r), w);
        case SUB -> wrap(l.subtract(r), w);
        case MUL -> wrap(l.multiply(r), w);
        case AND -> l.and(r);
        case OR -> l.or(r);
        case XOR -> l.xor(r);
        case EQ -> bit(lv.compareTo(rv) == 0);
        case NE -> bit(lv.compareTo(rv) != 0);
        case LT -> bit(lv.compareTo(rv) < 0);
        case LE -> bit(lv.compareTo(rv) <= 0);
        case GT -> bit(lv.compareTo(rv) > 0);
        case GE -> bit(lv.compareTo(rv) >= 0);
        case SHL -> wrap(l.shiftLeft(r.intValueExact()), w);
        case SHR -> l.shiftRight(r.intValueExact());
        case ASHR -> wrap(value(l, b.left().type()).shiftRight(r.intValueExact()), w);
      };
    } else if (e instanceof Expr.Mux m) {
      return eval(m.select(), env).signum() != 0 ? eval(m.whenTrue(), env) : eval(m.whenFalse(), env);
    } else if (e instanceof Expr.Concat c) {
      BigInteger result = BigInteger.ZERO;
      for (Expr part : c.parts()) {
        result = result.shiftLeft(part.type().width()).or(eval(part, env));
      }
      return result;
    } else if (e instanceof Expr.Slice s) {
      return eval(s.operand(), env).shiftRight(s.lsb()).and(mask(s.msb() - s.lsb() + 1));
    } else if (e instanceof Expr.Resize r) {
      return wrap(value(eval(r.operand(), env), r.operand().type()), t.width());
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  /** The number a bit pattern denotes under {@code type}. */
  public static BigInteger value(BigInteger bits, Type type) {
    return type.signed() && bits.testBit(type.width() - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(type.width())) : bits;
  }

  public static BigInteger wrap(BigInteger x, int width) {
    return x.and(mask(width));
  }

  private static BigInteger mask(int width) {
    return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
  }

  private static BigInteger bit(boolean b) {
    return b ? BigInteger.ONE : BigInteger.ZERO;
  }
}
