package dev.serrano.hdl.ir;

import java.math.BigInteger;
import java.util.List;

/** A combinational expression. Every node knows its result type. */
public sealed interface Expr {
  Type type();

  /** A port, wire, register or memory read register, by name. */
  record Ref(String name, Type type) implements Expr {}

  /** A constant; {@code bits} is the two's complement bit pattern, 0 <= bits < 2^width. */
  record Const(BigInteger bits, Type type) implements Expr {
    public Const {
      if (bits.signum() < 0 || bits.bitLength() > type.width()) {
        throw new IllegalArgumentException("constant bits " + bits + " do not fit " + type);
      }
    }

    /** The value this constant denotes, negative for signed patterns with the top bit set. */
    public BigInteger value() {
      return type.signed() && bits.testBit(type.width() - 1)
          ? bits.subtract(BigInteger.ONE.shiftLeft(type.width()))
          : bits;
    }
  }

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Mux(Expr select, Expr whenTrue, Expr whenFalse, Type type) implements Expr {}

  /** Concatenation, most significant part first; the result is unsigned. */
  record Concat(List<Expr> parts, Type type) implements Expr {
    public Concat {
      parts = List.copyOf(parts);
    }
  }

  /** Bits {@code msb..lsb} of the operand; the result is unsigned. */
  record Slice(Expr operand, int msb, int lsb, Type type) implements Expr {}

  /**
   * The operand extended to {@code type.width()} by the operand's own signedness (sign or zero
   * extension), then reinterpreted with {@code type.signed()}. With equal widths it only
   * reinterprets.
   */
  record Resize(Expr operand, Type type) implements Expr {}

  enum UnaryOp {
    NOT("~"), NEG("-"), REDUCE_AND("&"), REDUCE_OR("|"), REDUCE_XOR("^");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }

    public boolean isReduction() {
      return this == REDUCE_AND || this == REDUCE_OR || this == REDUCE_XOR;
    }
  }

  enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"),
    AND("&"), OR("|"), XOR("^"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    SHL("<<"), SHR(">>"), ASHR(">>>");

    public final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    public boolean isArithmetic() {
      return this == ADD || this == SUB || this == MUL;
    }

    public boolean isBitwise() {
      return this == AND || this == OR || this == XOR;
    }

    public boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    public boolean isShift() {
      return this == SHL || this == SHR || this == ASHR;
    }
  }
}
