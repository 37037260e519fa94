package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Connection;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.SourceLocation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names: legal Verilog identifiers, not reserved words, unique within a module (ports, signals,
 * memories and instances share one namespace), every reference resolving to a value, every
 * instance connection naming a real port, and one module per module name.
 */
final class NameCheck implements Check {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Override
  public void check(Design design, List<Finding> findings) {
    checkModuleNames(design, findings);
    for (Module module : design.modules()) {
      ModuleIndex index = new ModuleIndex(module);
      checkIdentifier(module.name(), "module name", module.name(), module.source(), findings);
      checkDeclarations(index, findings);
      checkReferences(index, findings);
      checkConnections(index, findings);
    }
  }

  private static void checkModuleNames(Design design, List<Finding> findings) {
    Map<String, Module> first = new HashMap<>();
    for (Module module : design.modules()) {
      Module earlier = first.putIfAbsent(module.name(), module);
      if (earlier != null) {
        findings.add(new Finding("name", module.name(),
            "two different modules are named " + module.name() + " (the other was built at "
                + earlier.source() + "); encode the differing parameters in the name",
            module.source()));
      }
    }
  }

  private static void checkDeclarations(ModuleIndex index, List<Finding> findings) {
    Set<String> seen = new HashSet<>();
    for (Declaration d : index.declarations()) {
      checkIdentifier(index.path(d.name()), d.kind().label, d.name(), d.source(), findings);
      if (!seen.add(d.name())) {
        Declaration first = index.find(d.name()).orElseThrow();
        findings.add(new Finding("name", index.path(d.name()),
            d.kind().label + " " + d.name() + " clashes with " + first.describe() + " declared at "
                + first.source(),
            d.source()));
      }
    }
  }

  private static void checkIdentifier(String path, String what, String name, SourceLocation source,
      List<Finding> findings) {
    if (!IDENTIFIER.matcher(name).matches()) {
      findings.add(new Finding("name", path,
          what + " \"" + name + "\" is not a Verilog identifier (letters, digits, _; not starting with a digit)",
          source));
    } else if (VerilogKeywords.ALL.contains(name)) {
      findings.add(new Finding("name", path, what + " \"" + name + "\" is a Verilog keyword", source));
    }
  }

  private static void checkReferences(ModuleIndex index, List<Finding> findings) {
    for (Use use : Use.of(index)) {
      dev.serrano.hdl.ir.Exprs.forEachRef(use.expr(), ref -> {
        var declaration = index.find(ref.name());
        if (declaration.isEmpty()) {
          findings.add(new Finding("name", index.path(use.subject()),
              use.role() + " reads " + ref.name() + ", which is not declared in " + index.module().name(),
              use.source()));
        } else if (!declaration.get().isValue()) {
          findings.add(new Finding("name", index.path(use.subject()),
              use.role() + " reads " + declaration.get().describe() + ", which is not a value",
              use.source()));
        }
      });
    }
  }

  private static void checkConnections(ModuleIndex index, List<Finding> findings) {
    for (Instance instance : index.module().instances()) {
      for (Connection c : instance.connections()) {
        if (instance.module().port(c.port()).isEmpty()) {
          findings.add(new Finding("name", index.path(instance.name() + "." + c.port()),
              "module " + instance.module().name() + " has no port named " + c.port(),
              instance.source()));
        }
      }
    }
  }
}
