package dev.serrano.testbench.build;

import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a design into a simulation library, or finds it in the cache. The cache key covers the
 * shim's inputs (template text, port table, clock, trace kind), the ABI headers, every
 * Verilog file, the top, all flags, the trace kind and the exact tool versions. The
 * design-independent Verilator runtime objects are a second cache level.
 */
public final class DesignCompiler {

  private static final String ABI_HEADER = "serrano_abi.h";
  private static final String AXI_MODEL = "serrano_axi_slave.h";
  private static final String AXI_LITE_MODEL = "serrano_axil_master.h";
  private static final String PRELUDE = BuildRecipe.PRELUDE;
  private static final String REPLAY_SOURCE = "serrano_replay.cpp";
  private static final String RUNTIME_STUB = "serrano_runtime_stub.v";
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=+:,-]+");

  private final SimulationCache cache;

  public DesignCompiler(SimulationCache cache) {
    this.cache = cache;
  }

  /** The library for {@code design} with waveform support {@code trace}, built if not cached. */
  public CompiledDesign compile(DesignInterface design, TraceKind trace) {
    return compile(design, trace, BuildProfile.FAST_SIMULATION);
  }

  /** The library for {@code design} with {@code trace}, its C++ compiled as {@code profile} says. */
  public CompiledDesign compile(DesignInterface design, TraceKind trace, BuildProfile profile) {
    Toolchain toolchain = Toolchain.detect(cache);
    BuildRecipe recipe = new BuildRecipe(trace, profile);
    Map<String, byte[]> verilog = readVerilog(design);
    CacheKey key = key(design, recipe, verilog, toolchain);
    String hex = key.hex();
    Path entry = cache.obtain("designs", hex, List.of(BuildRecipe.LIBRARY),
        folder -> buildWorkspace(folder, design, recipe, verilog, key, toolchain));
    return new CompiledDesign(design, entry.resolve(BuildRecipe.LIBRARY), entry, trace, hex);
  }

  /** The cache key {@link #compile} would use, without building anything. */
  static String keyOf(DesignInterface design, TraceKind trace, BuildProfile profile) {
    BuildRecipe recipe = new BuildRecipe(trace, profile);
    return key(design, recipe, readVerilog(design),
        Toolchain.detect(SimulationCache.defaultCache())).hex();
  }

  private static CacheKey key(DesignInterface design, BuildRecipe recipe, Map<String, byte[]> verilog,
      Toolchain toolchain) {
    CacheKey key = new CacheKey()
        .addContent("shim inputs", ShimGenerator.inputs(design, recipe.trace()).getBytes(StandardCharsets.UTF_8))
        .add(ABI_HEADER, Resources.text(ABI_HEADER))
        .add(AXI_MODEL, Resources.text(AXI_MODEL))
        .add(AXI_LITE_MODEL, Resources.text(AXI_LITE_MODEL))
        .add(PRELUDE, Resources.text(PRELUDE))
        .add(REPLAY_SOURCE, Resources.text(REPLAY_SOURCE))
        .add(VerilatorControlFile.NAME, VerilatorControlFile.render(design))
        .add("top", design.top())
        .add("trace", recipe.trace().name())
        .add("flags", recipe.flagsDescription());
    verilog.forEach((name, content) -> key.addContent("verilog " + name, content));
    addToolchain(key, toolchain);
    return key;
  }

  private void buildWorkspace(Path folder, DesignInterface design, BuildRecipe recipe,
      Map<String, byte[]> verilog, CacheKey key, Toolchain toolchain) throws IOException {
    Path rtl = Files.createDirectories(folder.resolve(BuildRecipe.RTL_FOLDER));
    for (Map.Entry<String, byte[]> file : verilog.entrySet()) {
      Files.write(rtl.resolve(file.getKey()), file.getValue());
    }
    Files.writeString(folder.resolve(BuildRecipe.SHIM_SOURCE), ShimGenerator.render(design, recipe.trace()));
    Files.writeString(folder.resolve(VerilatorControlFile.NAME), VerilatorControlFile.render(design));
    for (String resource : List.of(ABI_HEADER, AXI_MODEL, AXI_LITE_MODEL, PRELUDE, REPLAY_SOURCE)) {
      Files.writeString(folder.resolve(resource), Resources.text(resource));
    }
    Files.writeString(folder.resolve("key.txt"), key.description());
    Path log = folder.resolve("build.log");
    Path runtime = runtime(recipe, toolchain);
    writeRebuildScript(folder, design, recipe, runtime);
    ProcessRunner.run(recipe.verilate(design.top(), List.copyOf(verilog.keySet())), folder, log);
    ProcessRunner.run(recipe.makeModel(runtime.resolve(PRELUDE).toString()), folder, log);
    ProcessRunner.run(recipe.link(runtime), folder, log);
  }

  /**
   * The cached design-independent part of every build for this recipe: the Verilator runtime
   * objects and the precompiled prelude, made with the Makefile of a stub design.
   */
  private Path runtime(BuildRecipe recipe, Toolchain toolchain) {
    CacheKey key = new CacheKey()
        .add(PRELUDE, Resources.text(PRELUDE))
        .add("serrano_pch.mk", Resources.text("serrano_pch.mk"))
        .add("trace", recipe.trace().name())
        .add("flags", recipe.flagsDescription());
    addToolchain(key, toolchain);
    List<String> artifacts = new ArrayList<>(recipe.runtimeObjects());
    artifacts.add(PRELUDE);
    artifacts.add(BuildRecipe.PRELUDE_PCH);
    return cache.obtain("runtime", key.hex(), artifacts, folder -> {
      for (String resource : List.of(PRELUDE, "serrano_pch.mk")) {
        Files.writeString(folder.resolve(resource), Resources.text(resource));
      }
      Path rtl = Files.createDirectories(folder.resolve(BuildRecipe.RTL_FOLDER));
      Files.writeString(rtl.resolve(RUNTIME_STUB), Resources.text(RUNTIME_STUB));
      Files.writeString(folder.resolve(BuildRecipe.SHIM_SOURCE), "// no shim: this folder builds the runtime only\n");
      Files.writeString(folder.resolve(VerilatorControlFile.NAME), "`verilator_config\n");
      Files.writeString(folder.resolve("key.txt"), key.description());
      Path log = folder.resolve("build.log");
      ProcessRunner.run(recipe.verilate("serrano_runtime_stub", List.of(RUNTIME_STUB)), folder, log);
      ProcessRunner.run(recipe.makeRuntime("../" + PRELUDE), folder, log);
      ProcessRunner.run(recipe.makePrecompiledPrelude(), folder, log);
      Path obj = folder.resolve(BuildRecipe.OBJ_FOLDER);
      for (String artifact : artifacts) {
        if (!artifact.equals(PRELUDE)) {
          Files.move(obj.resolve(artifact), folder.resolve(artifact));
        }
      }
    });
  }

  private static void writeRebuildScript(Path folder, DesignInterface design, BuildRecipe recipe, Path runtime)
      throws IOException {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("top", design.top());
    scope.put("verilate", shell(recipe.verilate(design.top(), design.files())));
    scope.put("makeModel", shell(recipe.makeModel("$PRELUDE")));
    scope.put("runtimeDirectory", shell(List.of(runtime.toString())));
    scope.put("makeRuntime", shell(recipe.makeRuntime("$PRELUDE")));
    scope.put("objFolder", BuildRecipe.OBJ_FOLDER);
    scope.put("link", shell(recipe.link(Path.of("$RUNTIME"))));
    scope.put("library", BuildRecipe.LIBRARY);
    Path file = folder.resolve("rebuild.sh");
    Files.writeString(file, Templates.render("rebuild.sh.mustache", scope));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String shell(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(quote(word));
    }
    return line.toString();
  }

  /** Shell quoting; words naming a script variable ($PRELUDE, $RUNTIME) keep it expandable. */
  private static String quote(String word) {
    if (SHELL_SAFE.matcher(word).matches()) {
      return word;
    } else if (word.contains("$")) {
      return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`") + "\"";
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static Map<String, byte[]> readVerilog(DesignInterface design) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : design.files()) {
      try {
        files.put(name, Files.readAllBytes(design.directory().resolve(name)));
      } catch (IOException e) {
        throw new UncheckedIOException("design " + design.top() + ": cannot read Verilog file " + name, e);
      }
    }
    return files;
  }

  private static void addToolchain(CacheKey key, Toolchain toolchain) {
    key.add("verilator", toolchain.verilatorVersion())
        .add("verilator root", toolchain.verilatorRoot())
        .add("compiler", toolchain.compilerVersion())
        .add("target", toolchain.compilerTarget());
  }
}
