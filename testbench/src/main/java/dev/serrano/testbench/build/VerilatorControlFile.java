package dev.serrano.testbench.build;

import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.design.MemorySpec;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Verilator control file of a design: {@code public_flat_rw} for exactly the memories the
 * interface lists, so the shim can find them in the model's scope table and copy them, while every
 * other signal stays free for Verilator to optimise.
 */
final class VerilatorControlFile {

  static final String NAME = "serrano_memories.vlt";

  private VerilatorControlFile() {}

  static String render(DesignInterface design) {
    // One line per declaring module and memory name: a module instanced twice is made public once.
    Set<String> lines = new LinkedHashSet<>();
    for (MemorySpec memory : design.memories()) {
      lines.add("public_flat_rw -module \"" + memory.module() + "\" -var \"" + memory.name() + "\"");
    }
    StringBuilder text = new StringBuilder("`verilator_config\n");
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }
}
