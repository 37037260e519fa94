package dev.serrano.hdl.ir;

import java.util.stream.Collectors;

/**
 * Prints the IR as stable text. Source locations are left out, so two modules print the same exactly
 * when they are structurally identical; tests compare this text.
 */
public final class IrPrinter {
  private IrPrinter() {}

  public static String print(Design design) {
    StringBuilder out = new StringBuilder();
    for (Module module : design.modules()) {
      out.append(print(module));
    }
    return out.toString();
  }

  public static String print(Module m) {
    StringBuilder out = new StringBuilder();
    out.append("module ").append(m.name()).append(" (").append(m.sourceClass()).append(")\n");
    if (!m.description().isEmpty()) {
      out.append("  doc ").append(m.description()).append('\n');
    }
    for (Parameter p : m.parameters()) {
      out.append("  param ").append(p.name()).append(" = ").append(p.value()).append('\n');
    }
    m.clockDomain().ifPresent(d -> out.append("  clock ").append(d.clock())
        .append(d.reset().map(r -> " reset " + r + " " + d.resetStyle()).orElse("")).append('\n'));
    for (Port p : m.ports()) {
      out.append("  ").append(p.direction().verilog()).append(' ').append(p.type()).append(' ')
          .append(p.name()).append(" [").append(p.group()).append("]\n");
    }
    for (BusInterface bus : m.buses()) {
      out.append("  bus ").append(bus.name()).append(' ').append(bus.protocol().jsonName())
          .append(bus.master() ? " master" : " slave").append(" data ").append(bus.dataWidth())
          .append(" address ").append(bus.addressWidth()).append(" id ").append(bus.idWidth()).append('\n');
    }
    for (Wire w : m.wires()) {
      out.append("  wire ").append(w.type()).append(' ').append(w.name()).append('\n');
    }
    for (Register r : m.registers()) {
      out.append("  reg ").append(r.type()).append(' ').append(r.name());
      r.resetValue().ifPresent(v -> out.append(" reset ").append(expr(v)));
      r.enable().ifPresent(v -> out.append(" enable ").append(expr(v)));
      out.append(" next ").append(r.next().map(IrPrinter::expr).orElse("<none>")).append('\n');
    }
    for (Memory mem : m.memories()) {
      out.append("  memory ").append(mem.word()).append(' ').append(mem.name()).append('[')
          .append(mem.depth()).append("]\n");
      for (MemoryWrite w : mem.writes()) {
        out.append("    write if ").append(expr(w.enable())).append(" at ").append(expr(w.address()))
            .append(" <- ").append(expr(w.data())).append('\n');
      }
      for (MemoryRead r : mem.reads()) {
        out.append("    read ").append(r.data()).append(" if ").append(expr(r.enable()))
            .append(" at ").append(expr(r.address())).append('\n');
      }
    }
    for (Assign a : m.assigns()) {
      out.append("  assign ").append(a.target()).append(" = ").append(expr(a.value())).append('\n');
    }
    for (Instance i : m.instances()) {
      out.append("  instance ").append(i.name()).append(" : ").append(i.module().name()).append('\n');
      for (Connection c : i.connections()) {
        out.append("    .").append(c.port()).append(" (").append(expr(c.value())).append(")\n");
      }
    }
    return out.append("end\n").toString();
  }

  public static String expr(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.name();
    } else if (e instanceof Expr.Const c) {
      return c.value() + ":" + c.type();
    } else if (e instanceof Expr.Unary u) {
      return "(" + u.op() + " " + expr(u.operand()) + "):" + u.type();
    } else if (e instanceof Expr.Binary b) {
      return "(" + b.op() + " " + expr(b.left()) + " " + expr(b.right()) + "):" + b.type();
    } else if (e instanceof Expr.Mux x) {
      return "(MUX " + expr(x.select()) + " " + expr(x.whenTrue()) + " " + expr(x.whenFalse()) + "):"
          + x.type();
    } else if (e instanceof Expr.Concat c) {
      return "{" + c.parts().stream().map(IrPrinter::expr).collect(Collectors.joining(", ")) + "}";
    } else if (e instanceof Expr.Slice s) {
      return expr(s.operand()) + "[" + s.msb() + ":" + s.lsb() + "]";
    } else if (e instanceof Expr.Resize r) {
      return "(RESIZE " + expr(r.operand()) + "):" + r.type();
    }
    throw new IllegalStateException("unknown expression " + e);
  }
}
