package dev.serrano.hdl.checks;

import dev.serrano.hdl.checks.Declaration.Kind;
import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Exactly one driver for every output port, wire and register, none for input ports, a
 * connection for every instance input, and one write port per memory.
 */
final class DriverCheck implements Check {
  @Override
  public void check(Design design, List<Finding> findings) {
    for (Module module : design.modules()) {
      ModuleIndex index = new ModuleIndex(module);
      Map<String, List<SourceLocation>> drivers = collectDrivers(index, findings);
      for (Declaration d : index.declarations()) {
        List<SourceLocation> at = drivers.getOrDefault(d.name(), List.of());
        boolean needsDriver = d.kind() == Kind.OUTPUT || d.kind() == Kind.WIRE || d.kind() == Kind.REGISTER;
        if (needsDriver && at.isEmpty()) {
          findings.add(new Finding("driver", index.path(d.name()), d.describe() + " is never driven"
              + (d.kind() == Kind.REGISTER ? " (call next)" : " (call assign or connect an instance output)"),
              d.source()));
        } else if (at.size() > 1) {
          findings.add(new Finding("driver", index.path(d.name()), d.describe() + " has " + at.size()
              + " drivers, at " + at.stream().map(String::valueOf).collect(Collectors.joining(", ")),
              at.get(1)));
        }
      }
      checkInstanceInputs(module, findings);
      checkMemoryWritePorts(module, findings);
    }
  }

  private static Map<String, List<SourceLocation>> collectDrivers(ModuleIndex index, List<Finding> findings) {
    Map<String, List<SourceLocation>> drivers = new HashMap<>();
    for (Register r : index.module().registers()) {
      r.next().ifPresent(n -> drivers.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.source()));
    }
    for (Assign a : index.module().assigns()) {
      addDriver(index, a.target(), a.source(), "assignment", drivers, findings);
    }
    for (Instance i : index.module().instances()) {
      for (Connection c : i.connections()) {
        boolean isOutput = i.module().port(c.port()).map(p -> p.direction() == Direction.OUTPUT).orElse(false);
        if (!isOutput) {
          continue;
        }
        if (c.value() instanceof Expr.Ref ref) {
          addDriver(index, ref.name(), i.source(), "output " + i.name() + "." + c.port(), drivers, findings);
        } else {
          findings.add(new Finding("driver", index.path(i.name() + "." + c.port()),
              "output " + c.port() + " must connect to a wire or output port, not to an expression",
              i.source()));
        }
      }
    }
    return drivers;
  }

  private static void addDriver(ModuleIndex index, String target, SourceLocation source, String what,
      Map<String, List<SourceLocation>> drivers, List<Finding> findings) {
    var declaration = index.find(target);
    if (declaration.isEmpty()) {
      findings.add(new Finding("driver", index.path(target),
          what + " drives " + target + ", which is not declared in " + index.module().name(), source));
    } else if (declaration.get().kind() == Kind.INPUT || declaration.get().kind() == Kind.MEMORY_DATA
        || !declaration.get().isValue()) {
      findings.add(new Finding("driver", index.path(target),
          what + " drives " + declaration.get().describe() + ", which cannot be driven here", source));
    } else {
      drivers.computeIfAbsent(target, k -> new ArrayList<>()).add(source);
    }
  }

  private static void checkInstanceInputs(Module module, List<Finding> findings) {
    for (Instance i : module.instances()) {
      for (Port p : i.module().ports()) {
        if (p.direction() != Direction.INPUT) {
          continue;
        }
        long count = i.connections().stream().filter(c -> c.port().equals(p.name())).count();
        if (count != 1) {
          findings.add(new Finding("driver", module.name() + "." + i.name() + "." + p.name(),
              count == 0
                  ? "input " + p.name() + " of " + i.module().name() + " is not connected"
                  : "input " + p.name() + " of " + i.module().name() + " is connected " + count + " times",
              i.source()));
        }
      }
    }
  }

  private static void checkMemoryWritePorts(Module module, List<Finding> findings) {
    for (Memory m : module.memories()) {
      if (m.writes().size() > 1) {
        findings.add(new Finding("driver", module.name() + "." + m.name(),
            "memory " + m.name() + " has " + m.writes().size()
                + " write ports; block RAM inference allows one (split it into banks)",
            m.writes().get(1).source()));
      }
    }
  }
}
