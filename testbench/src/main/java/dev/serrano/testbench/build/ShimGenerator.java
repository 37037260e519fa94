package dev.serrano.testbench.build;

import dev.serrano.testbench.design.BusSpec;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.design.Direction;
import dev.serrano.testbench.design.InterfaceFormatException;
import dev.serrano.testbench.design.MemorySpec;
import dev.serrano.testbench.design.PortSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the C++ shim of one design from {@code serrano_shim.cpp.mustache}. The output depends
 * only on the interface and the trace kind (ports in JSON order), never on hash order or time.
 */
final class ShimGenerator {

  private static final String TEMPLATE = "serrano_shim.cpp.mustache";
  private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ShimGenerator() {}

  /**
   * Everything the rendered shim depends on (template text and the values put into it), for
   * cache keys: cheaper than rendering, which a cache hit does not need.
   */
  static String inputs(DesignInterface design, TraceKind trace) {
    check(design);
    return Resources.text(TEMPLATE) + "\n" + scope(design, trace);
  }

  static String render(DesignInterface design, TraceKind trace) {
    check(design);
    return Templates.render(TEMPLATE, scope(design, trace));
  }

  private static Map<String, Object> scope(DesignInterface design, TraceKind trace) {
    List<Map<String, Object>> ports = new ArrayList<>();
    for (int i = 0; i < design.ports().size(); i++) {
      PortSpec port = design.ports().get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("index", i);
      entry.put("name", port.name());
      entry.put("width", port.width());
      entry.put("bytes", port.storageBytes());
      entry.put("isInput", port.direction() == Direction.INPUT ? 1 : 0);
      ports.add(entry);
    }
    List<Map<String, Object>> memories = new ArrayList<>();
    for (MemorySpec memory : design.memories()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", memory.path());
      List<String> scopeNames = new ArrayList<>(List.of(design.top()));
      scopeNames.addAll(memory.instances());
      entry.put("scope", String.join(".", scopeNames));
      entry.put("name", memory.name());
      entry.put("width", memory.width());
      entry.put("depth", memory.depth());
      memories.add(entry);
    }
    List<Map<String, Object>> buses = new ArrayList<>();
    int slaves = 0;
    int masters = 0;
    for (int i = 0; i < design.buses().size(); i++) {
      BusSpec bus = design.buses().get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("index", i);
      entry.put("lite", bus.lite());
      entry.put("slot", bus.lite() ? masters++ : slaves++);
      entry.put("name", bus.name());
      entry.put("dataWidth", bus.dataWidth());
      entry.put("dataBytes", bus.dataBytes());
      entry.put("idWidth", bus.idWidth());
      List<Map<String, Object>> signals = new ArrayList<>();
      for (BusSpec.Signal signal : bus.signals()) {
        // Ordered: the scope's text is part of the cache key, and Map.of's order changes from JVM to JVM.
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("bus", bus.name());
        names.put("signal", signal.signal());
        signals.add(names);
      }
      entry.put("signals", signals);
      buses.add(entry);
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("top", design.top());
    scope.put("templateVersion", BuildRecipe.SHIM_TEMPLATE_VERSION);
    scope.put("clock", design.clock());
    scope.put("traceClass", trace.traceClass());
    scope.put("traceInclude", trace.traceInclude());
    scope.put("portCount", ports.size());
    scope.put("ports", ports);
    scope.put("memoryCount", memories.size());
    scope.put("memories", memories);
    scope.put("busCount", buses.size());
    scope.put("slaveCount", slaves);
    scope.put("masterCount", masters);
    scope.put("buses", buses);
    return scope;
  }

  private static void check(DesignInterface design) {
    for (PortSpec port : design.ports()) {
      if (!C_IDENTIFIER.matcher(port.name()).matches()) {
        throw new InterfaceFormatException("port name " + port.name() + " is not a C identifier");
      }
    }
    for (MemorySpec memory : design.memories()) {
      for (String part : memory.path().split("\\.", -1)) {
        if (!C_IDENTIFIER.matcher(part).matches()) {
          throw new InterfaceFormatException("memory path " + memory.path() + " is not made of C identifiers");
        }
      }
      if (!C_IDENTIFIER.matcher(memory.module()).matches()) {
        throw new InterfaceFormatException("memory " + memory.path() + ": module " + memory.module()
            + " is not a C identifier");
      }
    }
    for (BusSpec bus : design.buses()) {
      if (!C_IDENTIFIER.matcher(bus.name()).matches()) {
        throw new InterfaceFormatException("bus name " + bus.name() + " is not a C identifier");
      }
      if (design.clock() == null) {
        throw new InterfaceFormatException("design " + design.top() + " has bus " + bus.name()
            + " but no clock: its bus model needs clock edges");
      }
    }
    if (design.clock() != null) {
      PortSpec clock = design.port(design.clock()).orElseThrow(() ->
          new InterfaceFormatException("clock port " + design.clock() + " is not among the ports of " + design.top()));
      if (clock.direction() != Direction.INPUT || clock.width() != 1) {
        throw new InterfaceFormatException("clock port " + design.clock() + " must be a 1-bit input");
      }
    }
  }
}
