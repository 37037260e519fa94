package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.MemoryRead;
import dev.serrano.hdl.ir.MemoryWrite;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An expression a module reads: what it feeds ({@code subject}, a name in the module or
 * {@code instance.port}), in which role, the width it must have, and the builder call behind it.
 */
record Use(String subject, String role, Expr expr, int expectedWidth, SourceLocation source) {

  /** Every read expression of a module, in design order. Instance outputs are drives, not reads. */
  static List<Use> of(ModuleIndex index) {
    Module module = index.module();
    List<Use> uses = new ArrayList<>();
    for (Assign a : module.assigns()) {
      int width = index.find(a.target()).map(d -> d.type().width()).orElse(0);
      uses.add(new Use(a.target(), "assigned value", a.value(), width, a.source()));
    }
    for (Register r : module.registers()) {
      int width = r.type().width();
      r.next().ifPresent(e -> uses.add(new Use(r.name(), "next state", e, width, r.source())));
      r.resetValue().ifPresent(e -> uses.add(new Use(r.name(), "reset value", e, width, r.source())));
      r.enable().ifPresent(e -> uses.add(new Use(r.name(), "enable", e, 1, r.source())));
    }
    for (Memory m : module.memories()) {
      for (MemoryWrite w : m.writes()) {
        uses.add(new Use(m.name(), "write enable", w.enable(), 1, w.source()));
        uses.add(new Use(m.name(), "write address", w.address(), m.addressWidth(), w.source()));
        uses.add(new Use(m.name(), "write data", w.data(), m.word().width(), w.source()));
      }
      for (MemoryRead r : m.reads()) {
        uses.add(new Use(r.data(), "read enable", r.enable(), 1, r.source()));
        uses.add(new Use(r.data(), "read address", r.address(), m.addressWidth(), r.source()));
      }
    }
    for (Instance i : module.instances()) {
      for (Connection c : i.connections()) {
        Optional<Port> port = i.module().port(c.port());
        if (port.isPresent() && port.get().direction() == Direction.INPUT) {
          uses.add(new Use(i.name() + "." + c.port(), "input connection", c.value(),
              port.get().type().width(), i.source()));
        }
      }
    }
    return uses;
  }
}
