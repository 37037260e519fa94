package dev.serrano.testbench.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.Synthesis;
import dev.serrano.testbench.build.CacheKey;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.design.DesignInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Yosys flows a sweep sizes its configurations with ({@link Flow}'s, run by {@link
 * Synthesis#runHierarchical}): each distinct module is mapped once and {@code stat -top} multiplies
 * it by its instances, so a 32 x 32 array costs one PE's synthesis, not 1024. Memories stay memories
 * in the generic flow, as an ASIC flow takes SRAM macros; the FPGA flows map them to block RAM.
 *
 * <p>Results are cached in the build cache ({@link SimulationCache}) under {@code area/}, keyed by the
 * script, the Yosys version and the content of every Verilog file, so a configuration is synthesized
 * once however many sweeps and points use it.
 */
public enum AreaFlow {
  GENERIC(Flow.GENERIC),
  ICE40(Flow.ICE40),
  XILINX(Flow.XILINX);

  /** Every flow's name, in order: what a spec's {@code "area"} may list. */
  public static final List<String> NAMES = Arrays.stream(values()).map(AreaFlow::id).toList();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CELLS_FILE = "cells.json";

  private final Flow flow;

  AreaFlow(Flow flow) {
    this.flow = flow;
  }

  public String id() {
    return flow.id();
  }

  public static AreaFlow byId(String id) {
    return Arrays.stream(values()).filter(area -> area.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("area flow must be one of " + NAMES + ", got \"" + id + "\""));
  }

  /** The area of a generated configuration in the named flows; {@code sramBits} as the configuration states it. */
  public static Area area(DesignInterface design, List<String> flows, long sramBits, SimulationCache cache) {
    Long generic = null;
    Area.Resources ice40 = null;
    Area.Resources xilinx = null;
    for (String name : flows) {
      AreaFlow area = byId(name);
      ResourceReport report = area.synthesize(design, cache);
      switch (area) {
        case GENERIC -> generic = (long) report.cells() - report.count("$mem_v2");
        case ICE40 -> ice40 = resources(report);
        case XILINX -> xilinx = resources(report);
      }
    }
    return new Area(generic, ice40, xilinx, sramBits);
  }

  private static Area.Resources resources(ResourceReport report) {
    return new Area.Resources(report.lut(), report.ff(), report.carry(), report.dsp(), report.bram());
  }

  /** The whole hierarchy's cells, from the cache or from Yosys. */
  ResourceReport synthesize(DesignInterface design, SimulationCache cache) {
    String top = design.top();
    try {
      CacheKey key = new CacheKey().add("format", CELLS_FILE).add("script", flow.hierarchicalScript(top))
          .add("yosys", Synthesis.yosysVersion());
      for (String file : design.files()) {
        key.add("file", file).addContent("content", Files.readAllBytes(design.directory().resolve(file)));
      }
      Path entry = cache.obtain("area", key.hex(), List.of(CELLS_FILE), folder -> JSON.writeValue(
          folder.resolve(CELLS_FILE).toFile(),
          Synthesis.runHierarchical(design.directory(), design.files(), top, flow).cellTypes()));
      Map<String, Integer> cells = JSON.readValue(entry.resolve(CELLS_FILE).toFile(), new TypeReference<>() {});
      return new ResourceReport(top, flow, cells);
    } catch (IOException e) {
      throw new UncheckedIOException("area of " + top + " (" + id() + ")", e);
    }
  }
}
