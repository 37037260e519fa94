package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Type;

/** A named value: a port, wire, register or memory read register. */
public class Signal extends Value {
  Signal(String name, Type type) {
    super(new Expr.Ref(name, type));
  }

  public String name() {
    return ((Expr.Ref) expr()).name();
  }
}
