package dev.serrano.testbench.build;

import dev.serrano.testbench.design.DesignInterface;
import java.nio.file.Path;

/** A second JVM for {@link DesignCompilerCacheTest}: builds one design into a given cache. */
public final class CacheBuildProcess {

  private CacheBuildProcess() {}

  /** Arguments: cache folder, interface JSON. Prints the workspace of the built entry. */
  public static void main(String[] args) {
    CompiledDesign compiled = new DesignCompiler(new SimulationCache(Path.of(args[0])))
        .compile(DesignInterface.read(Path.of(args[1])), TraceKind.NONE);
    System.out.println(compiled.workspace());
  }
}
