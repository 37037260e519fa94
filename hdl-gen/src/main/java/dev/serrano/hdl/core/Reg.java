package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.SourceLocation;
import dev.serrano.hdl.ir.Type;
import java.util.Optional;

/**
 * A register in its module's clock domain. Set its next state once; a reset value makes it reset
 * (data paths stay unreset unless asked); an enable makes it hold while the enable is low.
 */
public final class Reg extends Signal {
  private final ModuleBuilder owner;
  private final SourceLocation source;
  private Optional<Expr> resetValue = Optional.empty();
  private Optional<Expr> enable = Optional.empty();
  private Optional<Expr> next = Optional.empty();

  Reg(ModuleBuilder owner, String name, Type type, SourceLocation source) {
    super(name, type);
    this.owner = owner;
    this.source = source;
  }

  /**
   * The value taken at every rising clock edge (while enabled). A second call is recorded as a
   * second driver, which the driver check reports.
   */
  public Reg next(Value value) {
    if (next.isPresent()) {
      owner.addAssign(new Assign(name(), value.expr(), CallSite.here()));
    } else {
      next = Optional.of(value.expr());
    }
    return this;
  }

  public Reg resetTo(long value) {
    return resetTo(Value.constant(value, type()));
  }

  public Reg resetTo(Value value) {
    resetValue = Optional.of(value.expr());
    return this;
  }

  public Reg enable(Value value) {
    enable = Optional.of(value.expr());
    return this;
  }

  Register toIr() {
    return new Register(name(), type(), resetValue, enable, next, source);
  }
}
