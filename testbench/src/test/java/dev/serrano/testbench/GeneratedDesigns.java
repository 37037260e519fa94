package dev.serrano.testbench;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.testbench.design.CatalogDesigns;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Designs from hdl-gen's component catalog, written with its OutputWriter as the CLI would. */
public final class GeneratedDesigns {

  private GeneratedDesigns() {}

  /** Generates {@code top} with {@code parameters} into a fresh folder under {@code parent}. */
  public static DesignInterface generate(Path parent, String top, Map<String, String> parameters) {
    return write(parent, top, Catalog.design(top, parameters));
  }

  /** Writes a module built in the test with hdl-gen's builder API into a fresh folder. */
  public static DesignInterface generate(Path parent, Module top) {
    return write(parent, top.name(), Design.of(top));
  }

  private static DesignInterface write(Path parent, String name, Design design) {
    try {
      Path folder = Files.createTempDirectory(parent, name);
      Files.delete(folder);  // OutputWriter wants to create the folder itself
      return CatalogDesigns.write(folder, design);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
