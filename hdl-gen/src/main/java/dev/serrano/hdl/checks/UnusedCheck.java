package dev.serrano.hdl.checks;

import dev.serrano.hdl.checks.Declaration.Kind;
import dev.serrano.hdl.ir.ClockDomain;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Exprs;
import dev.serrano.hdl.ir.Module;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every bit of every input, wire and register is read somewhere, as {@code verilator -Wall}
 * demands. A name containing "unused" states the intent and is exempt, as in Verilator.
 */
final class UnusedCheck implements Check {
  @Override
  public void check(Design design, List<Finding> findings) {
    for (Module module : design.modules()) {
      ModuleIndex index = new ModuleIndex(module);
      Map<String, BitSet> read = bitsRead(index);
      for (Declaration d : index.declarations()) {
        boolean checked = d.kind() == Kind.INPUT || d.kind() == Kind.WIRE || d.kind() == Kind.REGISTER
            || d.kind() == Kind.MEMORY_DATA;
        if (!checked || d.name().contains("unused")) {
          continue;
        }
        BitSet bits = read.getOrDefault(d.name(), new BitSet());
        int width = d.type().width();
        if (bits.isEmpty()) {
          findings.add(new Finding("unused", index.path(d.name()), d.describe()
              + " is never read (use it, or name it unused_*)", d.source()));
        } else if (bits.nextClearBit(0) < width) {
          findings.add(new Finding("unused", index.path(d.name()), "bits " + unreadRanges(bits, width)
              + " of " + d.describe() + " are never read", d.source()));
        }
      }
    }
  }

  private static Map<String, BitSet> bitsRead(ModuleIndex index) {
    Map<String, BitSet> read = new HashMap<>();
    Module module = index.module();
    for (Use use : Use.of(index)) {
      markRead(use.expr(), read);
    }
    boolean hasState = !module.registers().isEmpty() || !module.memories().isEmpty();
    boolean hasResetValue = module.registers().stream().anyMatch(r -> r.resetValue().isPresent());
    module.clockDomain().ifPresent((ClockDomain d) -> {
      if (hasState) {
        read.computeIfAbsent(d.clock(), k -> new BitSet()).set(0);
      }
      if (hasResetValue) {
        d.reset().ifPresent(r -> read.computeIfAbsent(r, k -> new BitSet()).set(0));
      }
    });
    return read;
  }

  /** Marks the bits an expression reads: a slice of a signal reads only its range. */
  private static void markRead(Expr root, Map<String, BitSet> read) {
    ArrayDeque<Expr> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Expr node = stack.pop();
      if (node instanceof Expr.Slice s && s.operand() instanceof Expr.Ref r) {
        read.computeIfAbsent(r.name(), k -> new BitSet()).set(s.lsb(), s.msb() + 1);
      } else if (node instanceof Expr.Ref r) {
        read.computeIfAbsent(r.name(), k -> new BitSet()).set(0, r.type().width());
      } else {
        Exprs.children(node).forEach(stack::push);
      }
    }
  }

  /** The unread bit ranges, most significant first: {@code [15:12], [3:0]}. */
  private static String unreadRanges(BitSet read, int width) {
    List<String> ranges = new ArrayList<>();
    int msb = width - 1;
    while (msb >= 0) {
      if (read.get(msb)) {
        msb--;
        continue;
      }
      int lsb = msb;
      while (lsb > 0 && !read.get(lsb - 1)) {
        lsb--;
      }
      ranges.add("[" + msb + ":" + lsb + "]");
      msb = lsb - 1;
    }
    return String.join(", ", ranges);
  }
}
