package dev.serrano.testbench.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Waveform support compiled into a simulation library. Tracing is a compile-time choice in
 * Verilator (it adds change tracking to the model), so each kind is a separate cache entry.
 */
public enum TraceKind {
  NONE(List.of(), null, null, List.of()),
  VCD(List.of("--trace"), "VerilatedVcdC", "verilated_vcd_c.h", List.of("verilated_vcd_c.o")),
  FST(List.of("--trace-fst"), "VerilatedFstC", "verilated_fst_c.h", List.of("verilated_fst_c.o"));

  private final List<String> verilatorFlags;
  private final String traceClass;
  private final String traceInclude;
  private final List<String> runtimeObjects;

  TraceKind(List<String> verilatorFlags, String traceClass, String traceInclude, List<String> runtimeObjects) {
    this.verilatorFlags = verilatorFlags;
    this.traceClass = traceClass;
    this.traceInclude = traceInclude;
    this.runtimeObjects = runtimeObjects;
  }

  /** The kind a waveform file asks for, from its extension ({@code .vcd} or {@code .fst}). */
  public static TraceKind forWaveFile(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".vcd")) {
      return VCD;
    } else if (name.endsWith(".fst")) {
      return FST;
    }
    throw new IllegalArgumentException("waveform file must end in .vcd or .fst: " + file);
  }

  List<String> verilatorFlags() {
    return verilatorFlags;
  }

  /** The Verilator trace class used by the shim, or null without tracing. */
  String traceClass() {
    return traceClass;
  }

  String traceInclude() {
    return traceInclude;
  }

  /** Runtime objects this kind needs on top of {@code verilated.o} and {@code verilated_threads.o}. */
  List<String> runtimeObjects() {
    return runtimeObjects;
  }
}
