package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Type;

/** A wire or an output port: driven by {@link #assign} or by an instance output. */
public final class Net extends Signal {
  private final ModuleBuilder owner;

  Net(ModuleBuilder owner, String name, Type type) {
    super(name, type);
    this.owner = owner;
  }

  /** Drives this net continuously with {@code value}; widths must match exactly. */
  public Net assign(Value value) {
    owner.addAssign(new Assign(name(), value.expr(), CallSite.here()));
    return this;
  }
}
