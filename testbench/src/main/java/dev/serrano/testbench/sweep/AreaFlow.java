package dev.serrano.testbench.sweep;

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
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Yosys flows a sweep sizes its configurations with. Synthesis keeps the design's hierarchy: each
 * distinct module is mapped once and {@code stat -top} multiplies it by its instances, so a 32 x 32
 * array costs one PE's synthesis, not 1024 (a flattened run also optimizes across module boundaries
 * and comes out a few percent smaller). Memories stay memories in the generic flow, as an ASIC flow
 * takes SRAM macros; the FPGA flows map them to block RAM.
 *
 * <p>Results are cached in the build cache ({@link SimulationCache}) under {@code area/}, keyed by the
 * script, the Yosys version and the content of every Verilog file, so a configuration is synthesized
 * once however many sweeps and points use it.
 */
public enum AreaFlow {
  GENERIC("generic", "synth -top %1$s -run begin:fine; opt -fast -full; techmap; opt -fast; abc -fast; opt -fast"),
  ICE40("ice40", "synth_ice40 -dsp -noflatten -top %1$s"),
  XILINX("xilinx", "synth_xilinx -noiopad -top %1$s");

  /** Every flow's name, in order: what a spec's {@code "area"} may list. */
  public static final List<String> NAMES = Arrays.stream(values()).map(AreaFlow::id).toList();

  private final String id;
  private final String script;

  AreaFlow(String id, String script) {
    this.id = id;
    this.script = script;
  }

  public String id() {
    return id;
  }

  public static AreaFlow byId(String id) {
    return Arrays.stream(values()).filter(flow -> flow.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("area flow must be one of " + NAMES + ", got \"" + id + "\""));
  }

  /** The area of a generated configuration in the named flows; {@code sramBits} as the configuration states it. */
  public static Area area(DesignInterface design, List<String> flows, long sramBits, SimulationCache cache) {
    Long generic = null;
    Area.Resources ice40 = null;
    Area.Resources xilinx = null;
    for (String name : flows) {
      AreaFlow flow = byId(name);
      Map<String, Integer> cells = flow.cells(design, cache);
      switch (flow) {
        case GENERIC -> generic = (long) cells.getOrDefault("cells", 0)
            - count(cells, type -> type.startsWith("$mem"));
        case ICE40 -> ice40 = new Area.Resources(count(cells, "SB_LUT4"), count(cells, "SB_DFF.*"),
            count(cells, "SB_CARRY"), count(cells, "SB_MAC16"), count(cells, "SB_RAM40_4K.*|SB_SPRAM256KA"));
        case XILINX -> xilinx = new Area.Resources(count(cells, "LUT[1-6]"), count(cells, "FD[CPRS]E(_1)?"),
            count(cells, "CARRY4"), count(cells, "DSP48E1"), count(cells, "RAMB18E1|RAMB36E1"));
      }
    }
    return new Area(generic, ice40, xilinx, sramBits);
  }

  private static long count(Map<String, Integer> cells, String typePattern) {
    Pattern pattern = Pattern.compile(typePattern);
    return count(cells, type -> pattern.matcher(type).matches());
  }

  private static long count(Map<String, Integer> cells, Predicate<String> type) {
    return cells.entrySet().stream().filter(e -> !e.getKey().equals("cells") && type.test(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Cell type to count of the whole hierarchy (plus "cells", the total), from the cache or from Yosys. */
  Map<String, Integer> cells(DesignInterface design, SimulationCache cache) {
    String commands = String.format(script, design.top());
    try {
      CacheKey key = new CacheKey().add("script", commands).add("yosys", Yosys.version());
      for (String file : design.files()) {
        key.add("file", file).addContent("content", Files.readAllBytes(design.directory().resolve(file)));
      }
      Path entry = cache.obtain("area", key.hex(), List.of(STAT_FILE), folder -> Yosys.run(design.directory(),
          "read_verilog " + String.join(" ", design.files()) + "; " + commands + "; tee -q -o "
              + folder.resolve(STAT_FILE).toAbsolutePath() + " stat -top " + design.top()));
      return Yosys.cellCounts(Files.readAllLines(entry.resolve(STAT_FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("area of " + design.top() + " (" + id + ")", e);
    }
  }

  private static final String STAT_FILE = "stat.txt";
}
