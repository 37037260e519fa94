package dev.serrano.hdl.tools;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Yosys synthesis flow: the script that maps a top, the cell types it maps to by resource kind,
 * and the capacity of its block RAM primitives.
 *
 * <p>{@link #ICE40} does not run Yosys's {@code ice40_dsp} register packing: Yosys 0.23 packs one
 * PE's accumulator register into the next PE's SB_MAC16 and leaves that SB_MAC16's C and D inputs
 * undriven (docs/pe-array.md, gate-level simulation fails). Without the packing every multiply is an
 * SB_MAC16 used as a plain multiplier and its accumulator adder and register are LUTs and
 * flip-flops: more LUTs than a packed MAC, but a correct netlist. {@link #XILINX} inserts no I/O
 * buffers (an IP core is synthesized out of context).
 */
public enum Flow {
  GENERIC("generic", List.of("synth -flatten -top %1$s"),
      // Memories stay memories (no memory_map): an ASIC flow takes SRAM macros, and flip-flops would swamp the count.
      List.of("synth -top %1$s -run begin:fine", "opt -fast -full; techmap; opt -fast; abc -fast; opt -fast"), Map.of(
      ResourceKind.FF, "\\$_(S|AL)?DFF(E|SR|SRE|CE)?_.*|\\$_DLATCH.*"), Map.of()),
  ICE40("ice40", ice40Script(""), ice40Script(" -noflatten"), Map.of(
          ResourceKind.LUT, "SB_LUT4",
          ResourceKind.FF, "SB_DFF.*",
          ResourceKind.CARRY, "SB_CARRY",
          ResourceKind.DSP, "SB_MAC16",
          ResourceKind.BRAM, "SB_RAM40_4K.*|SB_SPRAM256KA"),
      Map.of("SB_RAM40_4K", 4096, "SB_RAM40_4KNR", 4096, "SB_RAM40_4KNW", 4096, "SB_RAM40_4KNRNW", 4096,
          "SB_SPRAM256KA", 262144)),
  XILINX("xilinx", List.of("synth_xilinx -flatten -noiopad -top %1$s"), List.of("synth_xilinx -noiopad -top %1$s"),
      Map.of(
      ResourceKind.LUT, "LUT[1-6]",
      ResourceKind.FF, "FD[CPRS]E(_1)?|LD[CP]E?(_1)?",
      ResourceKind.CARRY, "CARRY4",
      ResourceKind.DSP, "DSP48E1",
      ResourceKind.BRAM, "RAMB18E1|RAMB36E1",
      ResourceKind.LUTRAM, "RAM\\d+[XMS].*|SRL16E|SRLC32E"),
      Map.of("RAMB18E1", 18432, "RAMB36E1", 36864)),
  ECP5("ecp5", List.of("synth_ecp5 -top %1$s"), List.of("synth_ecp5 -noflatten -top %1$s"), Map.of(
      ResourceKind.LUT, "LUT4",
      ResourceKind.FF, "TRELLIS_FF",
      ResourceKind.CARRY, "CCU2C",
      ResourceKind.DSP, "MULT18X18D|ALU54B",
      ResourceKind.BRAM, "DP16KD",
      ResourceKind.LUTRAM, "TRELLIS_DPR16X4"),
      Map.of("DP16KD", 18432));

  private final String id;
  private final List<String> script;
  private final List<String> hierarchicalScript;
  private final Map<ResourceKind, Pattern> kinds;
  private final Map<String, Integer> blockRamBits;

  Flow(String id, List<String> script, List<String> hierarchicalScript, Map<ResourceKind, String> kinds,
      Map<String, Integer> blockRamBits) {
    this.id = id;
    this.script = script;
    this.hierarchicalScript = hierarchicalScript;
    this.kinds = new java.util.EnumMap<>(ResourceKind.class);
    kinds.forEach((kind, regex) -> this.kinds.put(kind, Pattern.compile(regex)));
    this.blockRamBits = blockRamBits;
  }

  /** The lower-case name used on the command line and in reports: generic, ice40, xilinx, ecp5. */
  public String id() {
    return id;
  }

  /** The flow named {@code id} (case-insensitive); the message lists the flows. */
  public static Flow byId(String id) {
    for (Flow flow : values()) {
      if (flow.id.equalsIgnoreCase(id)) {
        return flow;
      }
    }
    throw new IllegalArgumentException("flow must be one of " + String.join(", ",
        java.util.Arrays.stream(values()).map(Flow::id).toList()) + ", got \"" + id + "\"");
  }

  /** The Yosys commands that map {@code top} (after reading its files), one string. */
  public String script(String top) {
    return String.format(String.join("; ", script), top);
  }

  /**
   * As {@link #script(String)}, keeping the hierarchy: each distinct module is mapped once (a 32 x 32
   * array costs one PE's synthesis), at the price of no optimization across module boundaries; the
   * generic flow also keeps memories as memories.
   */
  public String hierarchicalScript(String top) {
    return String.format(String.join("; ", hierarchicalScript), top);
  }

  /** synth_ice40 with {@code option}, its coarse step run without ice40_dsp (see the class comment). */
  private static List<String> ice40Script(String option) {
    return List.of(
        "synth_ice40 -dsp" + option + " -top %1$s -run begin:coarse",
        "opt_expr; opt_clean; check; opt -nodffe -nosdff; fsm; opt; wreduce; peepopt; opt_clean; share",
        "techmap -map +/cmp2lut.v -D LUT_WIDTH=4; opt_expr; opt_clean; memory_dff; wreduce t:$mul",
        "techmap -map +/mul2dsp.v -map +/ice40/dsp_map.v -D DSP_A_MAXWIDTH=16 -D DSP_B_MAXWIDTH=16"
            + " -D DSP_A_MINWIDTH=2 -D DSP_B_MINWIDTH=2 -D DSP_Y_MINWIDTH=11 -D DSP_NAME=$__MUL16X16",
        "select a:mul2dsp; setattr -unset mul2dsp; opt_expr -fine; wreduce; select -clear",
        "chtype -set $mul t:$__soft_mul; alumacc; opt; memory -nomap; opt_clean",
        "synth_ice40 -dsp" + option + " -top %1$s -run map_ram:");
  }

  /** The kind of a mapped cell type; {@link ResourceKind#OTHER} for every type not listed. */
  public ResourceKind kindOf(String cellType) {
    for (Map.Entry<ResourceKind, Pattern> entry : kinds.entrySet()) {
      if (entry.getValue().matcher(cellType).matches()) {
        return entry.getKey();
      }
    }
    return ResourceKind.OTHER;
  }

  /** Storage bits of the flow's smallest block RAM primitive; {@code Long.MAX_VALUE} when it has none. */
  public long smallestBlockRamBits() {
    return blockRamBits.values().stream().mapToLong(Integer::longValue).min().orElse(Long.MAX_VALUE);
  }

  /** Storage bits of one block RAM primitive of this type, 0 for a type that is not block RAM. */
  public int blockRamBits(String cellType) {
    return blockRamBits.getOrDefault(cellType, 0);
  }
}
