package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Expr.BinaryOp;
import dev.serrano.hdl.ir.Expr.UnaryOp;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A combinational value: an immutable expression with its type. Operations never widen or narrow
 * silently: arithmetic takes an explicit result width (operands extend by their own signedness),
 * bitwise operations and comparisons want equal widths (the width check reports it otherwise),
 * and extension, slicing and reinterpretation are explicit calls.
 */
public class Value {
  private final Expr expr;

  Value(Expr expr) {
    this.expr = expr;
  }

  public static Value constant(long value, Type type) {
    return constant(BigInteger.valueOf(value), type);
  }

  /** A constant of the given type; negative values need a signed type and must fit. */
  public static Value constant(BigInteger value, Type type) {
    BigInteger min = type.signed() ? BigInteger.ONE.shiftLeft(type.width() - 1).negate() : BigInteger.ZERO;
    BigInteger max = BigInteger.ONE.shiftLeft(type.signed() ? type.width() - 1 : type.width()).subtract(BigInteger.ONE);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "constant " + value + " does not fit " + type + " (allowed " + min + " to " + max + ")");
    }
    BigInteger bits = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(type.width())) : value;
    return new Value(new Expr.Const(bits, type));
  }

  public static Value mux(Value select, Value whenTrue, Value whenFalse) {
    Type type = whenTrue.type().width() >= whenFalse.type().width() ? whenTrue.type() : whenFalse.type();
    return new Value(new Expr.Mux(select.expr, whenTrue.expr, whenFalse.expr,
        type.withSigned(whenTrue.type().signed() && whenFalse.type().signed())));
  }

  /** Concatenation, most significant part first. */
  public static Value concat(Value... parts) {
    List<Expr> exprs = Arrays.stream(parts).map(Value::expr).toList();
    int width = exprs.stream().mapToInt(e -> e.type().width()).sum();
    return new Value(new Expr.Concat(exprs, Type.unsigned(width)));
  }

  public Expr expr() {
    return expr;
  }

  public Type type() {
    return expr.type();
  }

  public int width() {
    return expr.type().width();
  }

  // ---- arithmetic: explicit result width, operands extended by their own signedness ----

  public Value add(Value other, int width) {
    return arithmetic(BinaryOp.ADD, other, width);
  }

  public Value sub(Value other, int width) {
    return arithmetic(BinaryOp.SUB, other, width);
  }

  public Value mul(Value other, int width) {
    return arithmetic(BinaryOp.MUL, other, width);
  }

  /** Adds a constant at this value's own width, wrapping (a counter's increment). */
  public Value add(long constant) {
    return add(constant(constant, type()), width());
  }

  /** Subtracts a constant at this value's own width, wrapping. */
  public Value sub(long constant) {
    return sub(constant(constant, type()), width());
  }

  public Value neg() {
    return new Value(new Expr.Unary(UnaryOp.NEG, expr, type()));
  }

  private Value arithmetic(BinaryOp op, Value other, int width) {
    Type result = new Type(width, type().signed() && other.type().signed());
    return new Value(new Expr.Binary(op, extendTo(expr, width), extendTo(other.expr, width), result));
  }

  private static Expr extendTo(Expr e, int width) {
    return e.type().width() < width ? new Expr.Resize(e, e.type().withWidth(width)) : e;
  }

  // ---- bitwise ----

  public Value and(Value other) {
    return bitwise(BinaryOp.AND, other);
  }

  public Value or(Value other) {
    return bitwise(BinaryOp.OR, other);
  }

  public Value xor(Value other) {
    return bitwise(BinaryOp.XOR, other);
  }

  public Value not() {
    return new Value(new Expr.Unary(UnaryOp.NOT, expr, type()));
  }

  private Value bitwise(BinaryOp op, Value other) {
    int width = Math.max(width(), other.width());
    return new Value(new Expr.Binary(op, expr, other.expr,
        new Type(width, type().signed() && other.type().signed())));
  }

  // ---- comparisons: equal widths; signed when both operands are ----

  public Value eq(Value other) {
    return compare(BinaryOp.EQ, other);
  }

  public Value ne(Value other) {
    return compare(BinaryOp.NE, other);
  }

  public Value lt(Value other) {
    return compare(BinaryOp.LT, other);
  }

  public Value le(Value other) {
    return compare(BinaryOp.LE, other);
  }

  public Value gt(Value other) {
    return compare(BinaryOp.GT, other);
  }

  public Value ge(Value other) {
    return compare(BinaryOp.GE, other);
  }

  public Value eq(long constant) {
    return eq(constant(constant, type()));
  }

  public Value ne(long constant) {
    return ne(constant(constant, type()));
  }

  private Value compare(BinaryOp op, Value other) {
    return new Value(new Expr.Binary(op, expr, other.expr, Type.BIT));
  }

  // ---- shifts keep the width of the shifted value ----

  public Value shl(int amount) {
    return shift(BinaryOp.SHL, amount);
  }

  /** Logical shift right (zeros enter at the top). */
  public Value shr(int amount) {
    return shift(BinaryOp.SHR, amount);
  }

  /** Arithmetic shift right (copies of the sign bit enter at the top); the value must be signed. */
  public Value ashr(int amount) {
    return shift(BinaryOp.ASHR, amount);
  }

  public Value shl(Value amount) {
    return new Value(new Expr.Binary(BinaryOp.SHL, expr, amount.expr, type()));
  }

  public Value shr(Value amount) {
    return new Value(new Expr.Binary(BinaryOp.SHR, expr, amount.expr, type()));
  }

  private Value shift(BinaryOp op, int amount) {
    if (amount < 0 || amount >= width()) {
      throw new IllegalArgumentException(
          "shift amount " + amount + " out of range 0.." + (width() - 1) + " for a " + type() + " value");
    }
    int amountWidth = 32 - Integer.numberOfLeadingZeros(Math.max(1, width() - 1));
    return new Value(new Expr.Binary(op, expr, constant(amount, Type.unsigned(amountWidth)).expr, type()));
  }

  // ---- selection, extension, reinterpretation ----

  /** Bits {@code msb..lsb}, unsigned. */
  public Value slice(int msb, int lsb) {
    if (lsb < 0 || msb < lsb || msb >= width()) {
      throw new IllegalArgumentException(
          "slice [" + msb + ":" + lsb + "] out of range for a " + width() + "-bit value (allowed "
              + (width() - 1) + " >= msb >= lsb >= 0)");
    }
    return new Value(new Expr.Slice(expr, msb, lsb, Type.unsigned(msb - lsb + 1)));
  }

  public Value bit(int index) {
    return slice(index, index);
  }

  /** Zero extension to {@code width} bits; the result is unsigned. */
  public Value zext(int width) {
    return new Value(new Expr.Resize(asUnsigned().expr, Type.unsigned(width)));
  }

  /** Sign extension to {@code width} bits; the result is signed. */
  public Value sext(int width) {
    return new Value(new Expr.Resize(asSigned().expr, Type.signed(width)));
  }

  public Value asSigned() {
    return type().signed() ? this : new Value(new Expr.Resize(expr, type().withSigned(true)));
  }

  public Value asUnsigned() {
    return type().signed() ? new Value(new Expr.Resize(expr, type().withSigned(false))) : this;
  }

  // ---- reductions ----

  public Value reduceAnd() {
    return new Value(new Expr.Unary(UnaryOp.REDUCE_AND, expr, Type.BIT));
  }

  public Value reduceOr() {
    return new Value(new Expr.Unary(UnaryOp.REDUCE_OR, expr, Type.BIT));
  }

  public Value reduceXor() {
    return new Value(new Expr.Unary(UnaryOp.REDUCE_XOR, expr, Type.BIT));
  }
}
