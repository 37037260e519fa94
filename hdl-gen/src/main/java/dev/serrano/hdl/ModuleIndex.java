package dev.serrano.hdl.checks;

import dev.serrano.hdl.checks.Declaration.Kind;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.MemoryRead;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.ir.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every name a module declares, in declaration order, with lookups by name (first declaration wins). */
final class ModuleIndex {
  private final Module module;
  private final List<Declaration> declarations = new ArrayList<>();
  private final Map<String, Declaration> byName = new HashMap<>();

  ModuleIndex(Module module) {
    this.module = module;
    for (Port p : module.ports()) {
      add(new Declaration(p.name(), p.direction() == dev.serrano.hdl.ir.Direction.INPUT ? Kind.INPUT : Kind.OUTPUT,
          p.type(), p.source()));
    }
    for (Wire w : module.wires()) {
      add(new Declaration(w.name(), Kind.WIRE, w.type(), w.source()));
    }
    for (Register r : module.registers()) {
      add(new Declaration(r.name(), Kind.REGISTER, r.type(), r.source()));
    }
    for (Memory m : module.memories()) {
      add(new Declaration(m.name(), Kind.MEMORY, m.word(), m.source()));
      for (MemoryRead read : m.reads()) {
        add(new Declaration(read.data(), Kind.MEMORY_DATA, m.word(), read.source()));
      }
    }
    for (Instance i : module.instances()) {
      add(new Declaration(i.name(), Kind.INSTANCE, Type.BIT, i.source()));
    }
  }

  private void add(Declaration d) {
    declarations.add(d);
    byName.putIfAbsent(d.name(), d);
  }

  Module module() {
    return module;
  }

  List<Declaration> declarations() {
    return declarations;
  }

  Optional<Declaration> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  String path(String name) {
    return module.name() + "." + name;
  }
}
