package dev.serrano.testbench.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every command and flag of a simulation build, in one place: the Java build runs these, the
 * workspace's {@code rebuild.sh} prints the same ones, and all of them go into the cache key.
 * Commands run in the workspace folder and use relative paths, so a workspace can be moved.
 */
final class BuildRecipe {

  /** Bumped whenever the shim template or the ABI changes meaning. */
  static final String SHIM_TEMPLATE_VERSION = "4";

  static final String LIBRARY = "libserrano_sim.so";
  static final String SHIM_SOURCE = "serrano_shim.cpp";
  static final String RTL_FOLDER = "rtl";
  static final String OBJ_FOLDER = "obj";

  /**
   * -O3: Verilator's own optimisations; --x-assign/--x-initial fast: speed over X hunting (inputs
   * are driven from Java anyway); -Wno-fatal: lint warnings belong to hdl-gen's lint, not to a
   * simulation; --autoflush: $display reaches stdout before a failure is reported; --prefix Vdut:
   * the shim template names one class whatever the top is.
   */
  static final List<String> VERILATOR_FLAGS = List.of(
      "--cc", "-O3", "--x-assign", "fast", "--x-initial", "fast", "-Wno-fatal", "--autoflush",
      "--prefix", "Vdut", "--Mdir", OBJ_FOLDER);

  /**
   * -fPIC/-fvisibility=hidden: a shared library exporting only the shim's C ABI, so several
   * designs (each with its own copy of the runtime) coexist; VL_USER_*: $finish, $stop and fatal
   * errors are reported to Java instead of exiting the JVM; -Winvalid-pch: the build log says so
   * if the precompiled prelude cannot be used.
   */
  static final List<String> CFLAGS = List.of(
      "-fPIC", "-fvisibility=hidden", "-DVL_USER_FINISH", "-DVL_USER_STOP", "-DVL_USER_FATAL", "-Winvalid-pch");

  static final String PRELUDE = "serrano_prelude.h";
  static final String PRELUDE_PCH = PRELUDE + ".gch";

  private final TraceKind trace;
  private final BuildProfile profile;
  private final int jobs;

  BuildRecipe(TraceKind trace, BuildProfile profile) {
    this.trace = trace;
    this.profile = profile;
    this.jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  TraceKind trace() {
    return trace;
  }

  /** Verilates the design; {@code shimSource} is compiled by the generated Makefile as well. */
  List<String> verilate(String top, List<String> verilogFiles) {
    List<String> command = new ArrayList<>(List.of("verilator"));
    command.addAll(VERILATOR_FLAGS);
    command.addAll(trace.verilatorFlags());
    for (String flag : CFLAGS) {
      command.add("-CFLAGS");
      command.add(flag);
    }
    command.addAll(List.of("--top-module", top, VerilatorControlFile.NAME, SHIM_SOURCE));
    verilogFiles.forEach(f -> command.add(RTL_FOLDER + "/" + f));
    return command;
  }

  /** Compiles model and shim with {@code prelude} force-included (its .gch beside it is used). */
  List<String> makeModel(String prelude) {
    return make("Vdut.mk", prelude, List.of("Vdut__ALL.a", "serrano_shim.o"));
  }

  List<String> makeRuntime(String prelude) {
    return make("Vdut.mk", prelude, runtimeObjects());
  }

  /** Precompiles the prelude with the flags of the generated Makefile (see serrano_pch.mk). */
  List<String> makePrecompiledPrelude() {
    return make("../serrano_pch.mk", null, List.of(PRELUDE_PCH));
  }

  List<String> runtimeObjects() {
    List<String> objects = new ArrayList<>(List.of("verilated.o", "verilated_threads.o"));
    objects.addAll(trace.runtimeObjects());
    return objects;
  }

  /** Links the library; runtime objects are taken from {@code runtimeDirectory}. */
  List<String> link(Path runtimeDirectory) {
    List<String> command = new ArrayList<>(List.of(
        "g++", "-shared", "-o", LIBRARY, OBJ_FOLDER + "/serrano_shim.o", OBJ_FOLDER + "/Vdut__ALL.a"));
    runtimeObjects().forEach(o -> command.add(runtimeDirectory.resolve(o).toString()));
    command.add("-pthread");
    if (trace == TraceKind.FST) {
      command.add("-lz");
    }
    return command;
  }

  /** Everything above that changes a binary, for the cache key (jobs does not). */
  String flagsDescription() {
    return String.join(" ", VERILATOR_FLAGS) + " | " + String.join(" ", trace.verilatorFlags()) + " | "
        + String.join(" ", CFLAGS) + " | " + String.join(" ", profile.makeFlags()) + " | " + String.join(" ", link(Path.of("")));
  }

  private List<String> make(String makefile, String prelude, List<String> targets) {
    List<String> command = new ArrayList<>(List.of("make", "-s", "-j" + jobs, "-C", OBJ_FOLDER, "-f", makefile));
    command.addAll(profile.makeFlags());
    if (prelude != null) {
      command.add("USER_CPPFLAGS=-include " + prelude);
    }
    command.addAll(targets);
    return command;
  }
}
