package dev.serrano.testbench.design;

import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Generates a design into a folder and reads its interface back: what benchmarks and tests simulate. */
public final class CatalogDesigns {
  private CatalogDesigns() {}

  /** A catalog top with text parameters (missing ones take their defaults) into {@code folder}, which must not exist. */
  public static DesignInterface generate(Path folder, String top, Map<String, String> parameters) throws IOException {
    return write(folder, Catalog.design(top, parameters));
  }

  /** An elaborated design into {@code folder}, which must not exist. */
  public static DesignInterface write(Path folder, Design design) throws IOException {
    EmittedDesign emitted = OutputWriter.write(design, folder);
    return DesignInterface.read(folder, emitted.top());
  }
}
