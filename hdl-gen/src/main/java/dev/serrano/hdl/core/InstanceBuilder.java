package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * A submodule instance. Connect inputs to any value and outputs to a wire or output port of the
 * parent. An output left unconnected is tied to a wire named {@code unused_<instance>_<port>}, the
 * name Verilator's lint recognises as intentionally unused.
 */
public final class InstanceBuilder {
  private final ModuleBuilder owner;
  private final String name;
  private final Module module;
  private final SourceLocation source;
  private final List<Connection> connections = new ArrayList<>();

  InstanceBuilder(ModuleBuilder owner, String name, Module module, SourceLocation source) {
    this.owner = owner;
    this.name = name;
    this.module = module;
    this.source = source;
  }

  public String name() {
    return name;
  }

  public InstanceBuilder connect(String port, Value value) {
    connections.add(new Connection(port, value.expr()));
    return this;
  }

  /** Connections in the submodule's port order; unknown ports last, for the checks to report. */
  Instance toIr() {
    List<Connection> ordered = new ArrayList<>();
    for (Port port : module.ports()) {
      List<Connection> toPort = connections.stream().filter(c -> c.port().equals(port.name())).toList();
      if (toPort.isEmpty() && port.direction() == Direction.OUTPUT) {
        Expr unused = owner.wire("unused_" + name + "_" + port.name(), port.type()).expr();
        ordered.add(new Connection(port.name(), unused));
      }
      ordered.addAll(toPort);
    }
    connections.stream().filter(c -> module.port(c.port()).isEmpty()).forEach(ordered::add);
    return new Instance(name, module, ordered, source);
  }
}
