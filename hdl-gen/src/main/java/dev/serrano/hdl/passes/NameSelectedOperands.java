package dev.serrano.hdl.passes;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.MemoryRead;
import dev.serrano.hdl.ir.MemoryWrite;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.SourceLocation;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.ir.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Input: a checked design. Output: the same design where every bit select and every sign
 * extension applies to a name, and every arithmetic shift is the whole right-hand side of a
 * statement (so that an unsigned context cannot turn it into a logical shift). Operands that are
 * not names become wires {@code tmp_<n>}, numbered per module in statement order; the bits of
 * such a wire outside its slice feed a wire {@code unused_tmp_<n>} so lint knows they are unused. Modules that
 * need nothing are returned as they were.
 */
final class NameSelectedOperands implements Pass {
  @Override
  public Design apply(Design design) {
    Map<String, Module> rewritten = new HashMap<>();
    List<Module> modules = new ArrayList<>();
    for (Module module : design.modules()) {
      Module result = new ModuleRewrite(module, rewritten).run();
      rewritten.put(module.name(), result);
      modules.add(result);
    }
    return new Design(rewritten.get(design.top().name()), modules);
  }

  private static final class ModuleRewrite {
    private final Module module;
    private final Map<String, Module> rewrittenSubmodules;
    private final Set<String> taken = new HashSet<>();
    private final List<Wire> newWires = new ArrayList<>();
    private final List<Assign> newAssigns = new ArrayList<>();
    private int counter;
    private SourceLocation at;

    ModuleRewrite(Module module, Map<String, Module> rewrittenSubmodules) {
      this.module = module;
      this.rewrittenSubmodules = rewrittenSubmodules;
      module.ports().forEach(p -> taken.add(p.name()));
      module.wires().forEach(w -> taken.add(w.name()));
      module.registers().forEach(r -> taken.add(r.name()));
      module.memories().forEach(m -> {
        taken.add(m.name());
        m.reads().forEach(r -> taken.add(r.data()));
      });
      module.instances().forEach(i -> taken.add(i.name()));
    }

    Module run() {
      List<Assign> assigns = new ArrayList<>();
      for (Assign a : module.assigns()) {
        assigns.add(new Assign(a.target(), statement(a.value(), a.source()), a.source()));
      }
      List<Register> registers = new ArrayList<>();
      for (Register r : module.registers()) {
        registers.add(new Register(r.name(), r.type(), statement(r.resetValue(), r.source()),
            statement(r.enable(), r.source()), statement(r.next(), r.source()), r.source()));
      }
      List<Memory> memories = new ArrayList<>();
      for (Memory m : module.memories()) {
        List<MemoryWrite> writes = new ArrayList<>();
        for (MemoryWrite w : m.writes()) {
          writes.add(new MemoryWrite(statement(w.enable(), w.source()), statement(w.address(), w.source()),
              statement(w.data(), w.source()), w.source()));
        }
        List<MemoryRead> reads = new ArrayList<>();
        for (MemoryRead r : m.reads()) {
          reads.add(new MemoryRead(r.data(), statement(r.enable(), r.source()),
              statement(r.address(), r.source()), r.source()));
        }
        memories.add(new Memory(m.name(), m.word(), m.depth(), writes, reads, m.source()));
      }
      List<Instance> instances = new ArrayList<>();
      boolean submoduleChanged = false;
      for (Instance i : module.instances()) {
        List<Connection> connections = new ArrayList<>();
        for (Connection c : i.connections()) {
          connections.add(new Connection(c.port(), statement(c.value(), i.source())));
        }
        Module sub = rewrittenSubmodules.getOrDefault(i.module().name(), i.module());
        submoduleChanged |= sub != i.module();
        instances.add(new Instance(i.name(), sub, connections, i.source()));
      }
      if (newWires.isEmpty() && !submoduleChanged) {
        return module;
      }
      List<Wire> wires = new ArrayList<>(module.wires());
      wires.addAll(newWires);
      List<Assign> allAssigns = new ArrayList<>(newAssigns);
      allAssigns.addAll(assigns);
      return new Module(module.name(), module.sourceClass(), module.description(), module.parameters(),
          module.clockDomain(), module.ports(), module.buses(), wires, registers, memories, allAssigns, instances,
          module.source(), module.attachments());
    }

    private Optional<Expr> statement(Optional<Expr> root, SourceLocation source) {
      return root.map(e -> statement(e, source));
    }

    private Expr statement(Expr root, SourceLocation source) {
      at = source;
      return rewrite(root, true);
    }

    private Expr rewrite(Expr e, boolean isRoot) {
      if (e instanceof Expr.Unary u) {
        return new Expr.Unary(u.op(), rewrite(u.operand(), false), u.type());
      } else if (e instanceof Expr.Binary b) {
        Expr.Binary result = new Expr.Binary(b.op(), rewrite(b.left(), false), rewrite(b.right(), false), b.type());
        return b.op() == Expr.BinaryOp.ASHR && !isRoot ? name(result) : result;
      } else if (e instanceof Expr.Mux m) {
        return new Expr.Mux(rewrite(m.select(), false), rewrite(m.whenTrue(), false),
            rewrite(m.whenFalse(), false), m.type());
      } else if (e instanceof Expr.Concat c) {
        return new Expr.Concat(c.parts().stream().map(p -> rewrite(p, false)).toList(), c.type());
      } else if (e instanceof Expr.Slice s) {
        Expr operand = rewrite(s.operand(), false);
        if (operand instanceof Expr.Ref) {
          return new Expr.Slice(operand, s.msb(), s.lsb(), s.type());
        }
        Expr.Ref named = name(operand);
        markUnusedBits(named, s.msb(), s.lsb());
        return new Expr.Slice(named, s.msb(), s.lsb(), s.type());
      } else if (e instanceof Expr.Resize r) {
        Expr operand = rewrite(r.operand(), false);
        boolean signExtends = r.operand().type().signed() && r.type().width() > r.operand().type().width();
        return new Expr.Resize(signExtends ? named(operand) : operand, r.type());
      }
      return e;
    }

    /** {@code e} itself when it is a name, possibly under signedness casts; otherwise a new wire. */
    private Expr named(Expr e) {
      Expr inner = e;
      while (inner instanceof Expr.Resize r && r.type().width() == r.operand().type().width()) {
        inner = r.operand();
      }
      return inner instanceof Expr.Ref ? e : name(e);
    }

    /**
     * A new wire holds a whole operand of which one slice is used; its other bits go into the
     * one-bit wire {@code unused_<wire>}, the idiom lint tools know as deliberately unused.
     */
    private void markUnusedBits(Expr.Ref wire, int msb, int lsb) {
      int width = wire.type().width();
      List<Expr> rest = new ArrayList<>();
      if (msb < width - 1) {
        rest.add(new Expr.Slice(wire, width - 1, msb + 1, Type.unsigned(width - 1 - msb)));
      }
      if (lsb > 0) {
        rest.add(new Expr.Slice(wire, lsb - 1, 0, Type.unsigned(lsb)));
      }
      if (rest.isEmpty()) {
        return;
      }
      Expr bits = rest.size() == 1 ? rest.get(0)
          : new Expr.Concat(rest, Type.unsigned(rest.stream().mapToInt(r -> r.type().width()).sum()));
      String unusedName = fresh("unused_" + wire.name());
      newWires.add(new Wire(unusedName, Type.BIT, at));
      newAssigns.add(new Assign(unusedName, new Expr.Unary(Expr.UnaryOp.REDUCE_XOR, bits, Type.BIT), at));
    }

    private String fresh(String wanted) {
      String wireName = wanted;
      for (int i = 1; !taken.add(wireName); i++) {
        wireName = wanted + "_" + i;
      }
      return wireName;
    }

    private Expr.Ref name(Expr e) {
      String wireName;
      do {
        wireName = "tmp_" + counter++;
      } while (!taken.add(wireName));
      newWires.add(new Wire(wireName, e.type(), at));
      newAssigns.add(new Assign(wireName, e, at));
      return new Expr.Ref(wireName, e.type());
    }
  }
}
