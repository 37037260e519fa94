package dev.serrano.hdl.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A top module and every module it uses, bottom-up (a module appears after all modules it
 * instantiates).
 *
 * <p>{@link #of} collects modules by identity, so elaborating a 128 x 128 array of one shared PE
 * object stays linear. Two module objects with one name are kept once when they print identically
 * (structurally identical modules are emitted once); when they differ both are kept, and
 * {@code NameCheck} reports the clash.
 */
public record Design(Module top, List<Module> modules) {
  public Design {
    modules = List.copyOf(modules);
  }

  public static Design of(Module top) {
    Collector collector = new Collector();
    collector.visit(top);
    return new Design(top, collector.order);
  }

  private static final class Collector {
    private final List<Module> order = new ArrayList<>();
    private final Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, List<String>> printedByName = new HashMap<>();

    void visit(Module module) {
      if (!seen.add(module)) {
        return;
      }
      for (Instance instance : module.instances()) {
        visit(instance.module());
      }
      List<String> printed = printedByName.computeIfAbsent(module.name(), n -> new ArrayList<>());
      String text = IrPrinter.print(module);
      if (!printed.contains(text)) {
        printed.add(text);
        order.add(module);
      }
    }
  }
}
