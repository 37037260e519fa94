package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Exprs;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * No combinational loops, looking through instances: a submodule contributes a path from an input
 * to an output when its logic connects them without a register. Registers and memory reads break
 * paths. Each loop is reported once, hop by hop, with the builder call that made each hop.
 */
final class CombinationalLoopCheck implements Check {
  @Override
  public void check(Design design, List<Finding> findings) {
    Map<String, Map<String, Set<String>>> pathsByModule = new HashMap<>();
    for (Module module : design.modules()) {
      Graph graph = new Graph(module, pathsByModule);
      pathsByModule.putIfAbsent(module.name(), graph.analyse(findings));
    }
  }

  /** Nodes are signals and instance pins ({@code u_x.port}); an edge points from a node to one it reads. */
  private static final class Graph {
    private final Module module;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<List<Integer>> reads = new ArrayList<>();
    private final List<SourceLocation> drivenAt = new ArrayList<>();

    Graph(Module module, Map<String, Map<String, Set<String>>> pathsByModule) {
      this.module = module;
      for (Port p : module.ports()) {
        node(p.name());
      }
      for (Assign a : module.assigns()) {
        int target = node(a.target());
        drivenAt.set(target, a.source());
        Exprs.forEachRef(a.value(), r -> reads.get(target).add(node(r.name())));
      }
      for (Instance i : module.instances()) {
        Map<String, Set<String>> paths = pathsByModule.getOrDefault(i.module().name(), Map.of());
        for (Connection c : i.connections()) {
          var port = i.module().port(c.port());
          if (port.isEmpty()) {
            continue;
          }
          int pin = node(i.name() + "." + c.port());
          drivenAt.set(pin, i.source());
          if (port.get().direction() == Direction.INPUT) {
            Exprs.forEachRef(c.value(), r -> reads.get(pin).add(node(r.name())));
          } else if (c.value() instanceof Expr.Ref target) {
            int net = node(target.name());
            drivenAt.set(net, i.source());
            reads.get(net).add(pin);
            for (String input : paths.getOrDefault(c.port(), Set.of())) {
              reads.get(pin).add(node(i.name() + "." + input));
            }
          }
        }
      }
    }

    private int node(String name) {
      Integer id = ids.get(name);
      if (id == null) {
        id = names.size();
        ids.put(name, id);
        names.add(name);
        reads.add(new ArrayList<>());
        drivenAt.add(SourceLocation.UNKNOWN);
      }
      return id;
    }

    /**
     * Depth-first search from every node (iterative: chains through large arrays are long).
     * Reports back edges as loops and returns, per output port, the input ports it reads
     * combinationally.
     */
    Map<String, Set<String>> analyse(List<Finding> findings) {
      List<String> inputs = module.ports().stream()
          .filter(p -> p.direction() == Direction.INPUT).map(Port::name).toList();
      Map<String, Integer> inputIndex = new HashMap<>();
      for (int i = 0; i < inputs.size(); i++) {
        inputIndex.put(inputs.get(i), i);
      }
      int n = names.size();
      BitSet[] reach = new BitSet[n];
      byte[] state = new byte[n];
      int[] stack = new int[n];
      int[] cursor = new int[n];
      for (int start = 0; start < n; start++) {
        if (state[start] != 0) {
          continue;
        }
        int depth = 0;
        stack[depth++] = start;
        state[start] = 1;
        while (depth > 0) {
          int node = stack[depth - 1];
          List<Integer> next = reads.get(node);
          if (cursor[node] < next.size()) {
            int child = next.get(cursor[node]++);
            if (state[child] == 0) {
              state[child] = 1;
              stack[depth++] = child;
            } else if (state[child] == 1) {
              findings.add(loopFinding(stack, depth, child));
            }
            continue;
          }
          BitSet mine = new BitSet();
          Integer input = inputIndex.get(names.get(node));
          if (input != null) {
            mine.set(input);
          }
          for (int child : next) {
            if (reach[child] != null) {
              mine.or(reach[child]);
            }
          }
          reach[node] = mine;
          state[node] = 2;
          depth--;
        }
      }
      Map<String, Set<String>> paths = new HashMap<>();
      for (Port p : module.ports()) {
        if (p.direction() == Direction.OUTPUT) {
          Set<String> from = new TreeSet<>();
          reach[ids.get(p.name())].stream().forEach(i -> from.add(inputs.get(i)));
          paths.put(p.name(), from);
        }
      }
      return paths;
    }

    /**
     * The loop on the DFS stack from {@code repeated} to the top, rotated to start at its earliest
     * created node, so that a loop reads the same whichever node the search entered it by.
     */
    private Finding loopFinding(int[] stack, int depth, int repeated) {
      int first = depth - 1;
      while (stack[first] != repeated) {
        first--;
      }
      int length = depth - first;
      int start = 0;
      for (int i = 1; i < length; i++) {
        if (stack[first + i] < stack[first + start]) {
          start = i;
        }
      }
      StringBuilder hops = new StringBuilder("combinational loop: ");
      for (int i = 0; i < length; i++) {
        int node = stack[first + (start + i) % length];
        hops.append(names.get(node)).append(" (").append(drivenAt.get(node)).append(") reads ");
      }
      int entry = stack[first + start];
      hops.append(names.get(entry));
      return new Finding("loop", module.name() + "." + names.get(entry), hops.toString(), drivenAt.get(entry));
    }
  }
}
