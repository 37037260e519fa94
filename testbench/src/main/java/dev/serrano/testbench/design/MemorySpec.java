package dev.serrano.testbench.design;

import java.util.Arrays;
import java.util.List;

/**
 * One memory of the design hierarchy, as listed under "memories" in the interface JSON.
 *
 * @param path instance names from the top, then the memory name, dot-separated ({@code storage},
 *     {@code u_bank0.storage})
 * @param module the module that declares the memory
 * @param name the memory's name inside {@code module}
 * @param width bits per word
 * @param depth words
 */
public record MemorySpec(String path, String module, String name, int width, long depth) {

  public MemorySpec {
    if (width < 1) {
      throw new InterfaceFormatException("memory " + path + ": width must be at least 1, got " + width);
    }
    if (depth < 1) {
      throw new InterfaceFormatException("memory " + path + ": depth must be at least 1, got " + depth);
    }
    if (!path.equals(name) && !path.endsWith("." + name)) {
      throw new InterfaceFormatException("memory " + path + ": the path must end with its name " + name);
    }
  }

  /** The instance names from the top down to the module holding the memory; empty for the top's own. */
  public List<String> instances() {
    List<String> parts = Arrays.asList(path.split("\\."));
    return List.copyOf(parts.subList(0, parts.size() - 1));
  }

  /** 32-bit chunks per word, the unit of a memory transfer (as for ports wider than 64 bits). */
  public int chunksPerWord() {
    return (width + 31) / 32;
  }
}
