package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.ClockDomain;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Register;
import java.util.List;
import java.util.Optional;

/** State needs a clock: registers and memories only in modules with a clock domain; reset values only with a reset. */
final class ClockCheck implements Check {
  private static final String HINT = "declare one with clockAndReset(...) or clockOnly() on the module builder";

  @Override
  public void check(Design design, List<Finding> findings) {
    for (Module module : design.modules()) {
      Optional<ClockDomain> domain = module.clockDomain();
      for (Register r : module.registers()) {
        String path = module.name() + "." + r.name();
        if (domain.isEmpty()) {
          findings.add(new Finding("clock", path, "register " + r.name() + " has no clock: " + HINT, r.source()));
        } else if (r.resetValue().isPresent() && domain.get().reset().isEmpty()) {
          findings.add(new Finding("clock", path,
              "register " + r.name() + " has a reset value but the module has no reset", r.source()));
        }
      }
      if (domain.isEmpty()) {
        for (Memory m : module.memories()) {
          findings.add(new Finding("clock", module.name() + "." + m.name(),
              "memory " + m.name() + " has no clock: " + HINT, m.source()));
        }
      }
    }
  }
}
