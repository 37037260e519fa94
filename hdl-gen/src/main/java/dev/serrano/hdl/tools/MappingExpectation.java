package dev.serrano.hdl.tools;

import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Exprs;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.MemoryRead;
import dev.serrano.hdl.ir.MemoryWrite;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Register;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a design must map to in a vendor flow, counted on its IR over the flattened hierarchy: every
 * multiplier (two non-constant operands) in a DSP block, and every memory at least as large as the
 * flow's smallest block RAM in block RAM (smaller memories may rightly become LUT RAM or flip-flops).
 * {@link #problems} compares a {@link ResourceReport} against it.
 *
 * @param multipliers multipliers in the flattened design
 * @param memories memory (module.memory, depth x width) to its number of instances, in name order
 */
public record MappingExpectation(int multipliers, Map<MemoryShape, Integer> memories) {
  /** One memory of one module: its name, words and word width. */
  public record MemoryShape(String name, int depth, int width) implements Comparable<MemoryShape> {
    public long bits() {
      return (long) depth * width;
    }

    @Override
    public int compareTo(MemoryShape other) {
      return name.compareTo(other.name);
    }

    @Override
    public String toString() {
      return name + " (" + depth + " x " + width + ")";
    }
  }

  public MappingExpectation {
    memories = java.util.Collections.unmodifiableMap(new TreeMap<>(memories));
  }

  public static MappingExpectation of(Design design) {
    return count(design.top(), new IdentityHashMap<>());
  }

  /**
   * Why {@code report} does not map the design as it must, one sentence each; empty when it does.
   * The generic flow has no DSP or block RAM, so nothing is expected of it.
   */
  public List<String> problems(ResourceReport report) {
    List<String> problems = new ArrayList<>();
    Flow flow = report.flow();
    if (flow == Flow.GENERIC) {
      return problems;
    }
    if (report.dsp() < multipliers) {
      problems.add(String.format("%s: %d DSP blocks for %d multipliers in the RTL: at least %d multipliers (MACs)"
          + " were built from LUTs instead of DSP blocks", flow.id(), report.dsp(), multipliers,
          multipliers - report.dsp()));
    }
    Map<MemoryShape, Integer> large = blockRamMemories(flow);
    long bits = large.entrySet().stream().mapToLong(e -> e.getKey().bits() * e.getValue()).sum();
    if (report.bramBits() < bits) {
      problems.add(String.format("%s: block RAM holds %d bits but the memories that must be block RAM hold %d"
          + " (%s): some memory (scratchpad bank) was built from LUTs or flip-flops", flow.id(), report.bramBits(),
          bits, describe(large)));
    }
    return problems;
  }

  /** The memories at least as large as the flow's smallest block RAM primitive. */
  public Map<MemoryShape, Integer> blockRamMemories(Flow flow) {
    Map<MemoryShape, Integer> large = new TreeMap<>();
    memories.forEach((shape, count) -> {
      if (shape.bits() >= flow.smallestBlockRamBits()) {
        large.put(shape, count);
      }
    });
    return large;
  }

  private static String describe(Map<MemoryShape, Integer> memories) {
    return String.join(", ", memories.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList());
  }

  private static MappingExpectation count(Module module, Map<Module, MappingExpectation> done) {
    MappingExpectation known = done.get(module);
    if (known != null) {
      return known;
    }
    int multipliers = (int) expressions(module).mapToLong(MappingExpectation::multipliers).sum();
    Map<MemoryShape, Integer> memories = new TreeMap<>();
    for (Memory memory : module.memories()) {
      memories.merge(new MemoryShape(module.name() + "." + memory.name(), memory.depth(), memory.word().width()),
          1, Integer::sum);
    }
    for (Instance instance : module.instances()) {
      MappingExpectation child = count(instance.module(), done);
      multipliers += child.multipliers;
      child.memories.forEach((shape, n) -> memories.merge(shape, n, Integer::sum));
    }
    MappingExpectation result = new MappingExpectation(multipliers, memories);
    done.put(module, result);
    return result;
  }

  private static Stream<Expr> expressions(Module module) {
    Stream<Expr> assigns = module.assigns().stream().map(a -> a.value());
    Stream<Expr> registers = module.registers().stream()
        .flatMap((Register r) -> Stream.of(r.next(), r.enable(), r.resetValue()).flatMap(java.util.Optional::stream));
    Stream<Expr> memories = module.memories().stream().flatMap(m -> Stream.concat(
        m.writes().stream().flatMap((MemoryWrite w) -> Stream.of(w.enable(), w.address(), w.data())),
        m.reads().stream().flatMap((MemoryRead r) -> Stream.of(r.enable(), r.address()))));
    return Stream.of(assigns, registers, memories).flatMap(s -> s);
  }

  private static long multipliers(Expr root) {
    long[] count = {0};
    Exprs.forEachNode(root, e -> {
      if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MUL && !isConstant(b.left()) && !isConstant(b.right())
          && b.left().type().width() >= 2 && b.right().type().width() >= 2) {
        count[0]++;
      }
    });
    return count[0];
  }

  private static boolean isConstant(Expr e) {
    return e instanceof Expr.Const || (e instanceof Expr.Resize r && isConstant(r.operand()));
  }
}
