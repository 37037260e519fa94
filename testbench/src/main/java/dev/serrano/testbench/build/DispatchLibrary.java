package dev.serrano.testbench.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The small design-independent library that Java binds by JNA direct mapping; it forwards each
 * call through the vtable at the start of a design instance. Built once per cache and compiler.
 */
public final class DispatchLibrary {

  static final String LIBRARY = "libserrano_dispatch.so";
  private static final String SOURCE = "serrano_dispatch.c";

  private DispatchLibrary() {}

  /** The dispatcher library in {@code cache}, compiled on first use. */
  public static Path obtain(SimulationCache cache) {
    Toolchain toolchain = Toolchain.detect(cache);
    String source = Resources.text(SOURCE);
    String header = Resources.text("serrano_abi.h");
    List<String> compile = List.of(
        "g++", "-x", "c", "-O2", "-fPIC", "-fvisibility=hidden", "-shared", "-o", LIBRARY, SOURCE);
    String key = new CacheKey()
        .add(SOURCE, source)
        .add("serrano_abi.h", header)
        .add("command", String.join(" ", compile))
        .add("compiler", toolchain.compilerVersion() + " " + toolchain.compilerTarget())
        .hex();
    Path entry = cache.obtain("dispatch", key, List.of(LIBRARY), folder -> {
      Files.writeString(folder.resolve(SOURCE), source);
      Files.writeString(folder.resolve("serrano_abi.h"), header);
      ProcessRunner.run(compile, folder, folder.resolve("build.log"));
    });
    return entry.resolve(LIBRARY);
  }
}
