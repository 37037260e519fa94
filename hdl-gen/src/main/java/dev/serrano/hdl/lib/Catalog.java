package dev.serrano.hdl.lib;

import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.accel.Accelerator;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.lib.array.Dataflow;
import dev.serrano.hdl.lib.array.PeArray;
import dev.serrano.hdl.lib.csr.CsrDemo;
import dev.serrano.hdl.lib.memory.BankedMemory;
import dev.serrano.hdl.lib.memory.MemorySystem;
import dev.serrano.hdl.lib.post.PostProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The tops that {@code serrano generate} knows, by name, with their parameters and defaults. */
public final class Catalog {
  /** A generatable top: what it is, its parameters with defaults and ranges, and how to build it. */
  public record Top(String name, String description, String parameterHelp, Function<Parameters, Module> builder) {}

  private static final String RESET_HELP = "reset=sync_high (" + Resets.ALLOWED + ")";
  private static final Map<String, Top> TOPS = new LinkedHashMap<>();

  static {
    add(new Top("pe_mac", "multiply-accumulate processing element",
        "type=s8 (" + ElementType.ALLOWED + "), accWidth=32 (2 x type width to 64), " + RESET_HELP,
        p -> MacPe.build(peConfig(p))));
    add(new Top("mac_grid", "rows x cols grid of MAC processing elements",
        "rows=4 (1..128), cols=4 (1..128), type=s8, accWidth=32, " + RESET_HELP,
        p -> {
          int rows = p.integer("rows", 4, "from 1 to 128");
          int cols = p.integer("cols", 4, "from 1 to 128");
          return MacGrid.build(new MacGrid.Config(rows, cols, peConfig(p)));
        }));
    add(new Top("pe_array", "R x C systolic PE array with skew, deskew and double-buffered weights",
        "rows=16, cols=16 (1..256), input=s8, weight=s8 (" + ElementType.ALLOWED + "), accWidth=32 (product"
            + " width to 64), saturate=false, dataflow=ws (" + Dataflow.ALLOWED + "), tileRows=1, tileCols=1"
            + " (divisors of rows, cols), " + RESET_HELP,
        p -> PeArray.build(arrayConfig(p))));
    add(new Top("fifo", "valid/ready FIFO on block-RAM storage",
        "width=32 (1..8192), depth=16 (power of two, 2..65536), " + RESET_HELP,
        p -> {
          int width = p.integer("width", 32, "from 1 to 8192");
          int depth = p.integer("depth", 16, "power of two from 2 to 65536");
          return Fifo.build(new Fifo.Config(width, depth, p.reset("reset")));
        }));
    // Banked memories: one component; the accumulator is the scratchpad with accumulate lanes.
    add(new Top("scratchpad", "banked block-RAM scratchpad, one read and one write per bank per cycle",
        "banks=4 (power of two, 1..64), rows=4096 (rows per bank, power of two, 2..65536), rowWidth=128"
            + " (cols x input width, 1..4096), readClients=2 (1..8), writeClients=1 (1..8), " + RESET_HELP,
        p -> BankedMemory.build(BankedMemory.Config.scratchpad(
            p.integer("banks", 4, "power of two from 1 to 64"),
            p.integer("rows", 4096, "power of two from 2 to 65536"),
            p.integer("rowWidth", 128, "from 1 to 4096"),
            p.integer("readClients", 2, "from 1 to 8"),
            p.integer("writeClients", 1, "from 1 to 8"),
            p.reset("reset")))));
    add(new Top("accumulator", "banked block-RAM accumulator: rows of lanes, overwrite or accumulate",
        "banks=2 (power of two, 1..64), rows=512 (rows per bank, power of two, 2..65536), lanes=16"
            + " (1..4096), laneWidth=32 (2..64; lanes x laneWidth <= 4096), saturate=false, readClients=1"
            + " (1..8), writeClients=2 (1..8), " + RESET_HELP,
        p -> {
          int banks = p.integer("banks", 2, "power of two from 1 to 64");
          int rows = p.integer("rows", 512, "power of two from 2 to 65536");
          BankedMemory.Lanes lanes = new BankedMemory.Lanes(p.integer("lanes", 16, "from 1 to 4096"),
              p.integer("laneWidth", 32, "from 2 to 64"), p.bool("saturate", false));
          return BankedMemory.build(BankedMemory.Config.accumulator(banks, rows, lanes,
              p.integer("readClients", 1, "from 1 to 8"), p.integer("writeClients", 2, "from 1 to 8"),
              p.reset("reset")));
        }));
    add(new Top("memory_system", "scratchpad, accumulator and AXI4 DMA reader/writer behind one AXI4 master",
        "cols=16 (1..256), input=s8, accWidth=32 (8..64), saturate=false, postProcess=true (store target 2"
            + " through the post-processor; needs accWidth=32), spBanks=4, spRows=4096, accBanks=2,"
            + " accRows=512 (powers of two; banks 1..64, rows per bank 2..65536), dataWidth=128 (power of two,"
            + " 32..512), addressWidth=32 (12..64), idWidth=4 (1..16), maxBurst=256 (power of two, 1..256),"
            + " outstanding=16 (power of two, 2..64), " + RESET_HELP,
        p -> MemorySystem.build(memorySystemConfig(p))));
    add(new Top("post_process", "store-path post-processing: bias, TFLite requantisation, zero point, clamp, int8",
        "lanes=16 (1..256), " + RESET_HELP,
        p -> PostProcess.build(new PostProcess.Config(p.integer("lanes", 16, "from 1 to 256"), p.reset("reset")))));
    add(new Top("accelerator", "the inference accelerator: AXI4-Lite registers and commands, controller, WS PE array,"
            + " scratchpad, accumulator, AXI4 DMA, post-processing",
        "rows=16, cols=16 (1..256), input=s8, weight=s8, saturate=false, tileRows=1, tileCols=1, spBanks=4,"
            + " spRows=4096, accBanks=2, accRows=512 (powers of two; banks 1..64, rows per bank 2..65536),"
            + " dataWidth=128 (power of two, 32..512), addressWidth=32 (12..32), idWidth=4 (1..16), maxBurst=256"
            + " (power of two, 1..256), outstanding=16 (power of two, 2..64), queueDepth=16 (power of two,"
            + " 2..1024), maxTokens=8 (1..255), " + RESET_HELP,
        p -> Accelerator.build(acceleratorConfig(p))));
    add(new Top("csr_demo", "AXI4-Lite register block of the demonstration register map (one register of each kind)",
        "addressWidth=12 (4..32), " + RESET_HELP,
        p -> CsrDemo.build(p.integer("addressWidth", 12, "from 4 to 32"), p.reset("reset"))));
  }

  private Catalog() {}

  /**
   * The memory system configuration, with the defaults of the brief (256 KiB / 4 banks, 64 KiB / 2 banks, 128-bit
   * AXI4) and the post-processed store target the accelerator needs.
   */
  private static MemorySystem.Config memorySystemConfig(Parameters p) {
    return MemorySystem.Config.of(
        p.integer("cols", 16, "from 1 to 256"),
        p.elementType("input", ElementType.INT8),
        p.integer("accWidth", 32, "from 8 to 64"),
        p.bool("saturate", false),
        p.bool("postProcess", true),
        p.integer("spBanks", 4, "power of two from 1 to 64"),
        p.integer("spRows", 4096, "power of two from 2 to 65536"),
        p.integer("accBanks", 2, "power of two from 1 to 64"),
        p.integer("accRows", 512, "power of two from 2 to 65536"),
        p.integer("dataWidth", 128, "power of two from 32 to 512"),
        p.integer("addressWidth", 32, "from 12 to 64"),
        p.integer("idWidth", 4, "from 1 to 16"),
        p.integer("maxBurst", 256, "power of two from 1 to 256"),
        p.integer("outstanding", 16, "power of two from 2 to 64"),
        p.reset("reset"));
  }

  /** The accelerator with the defaults of the brief: 16 x 16 int8 WS, 256 KiB / 4 banks, 64 KiB / 2 banks, 128-bit AXI4. */
  private static Accelerator.Config acceleratorConfig(Parameters p) {
    int rows = p.integer("rows", 16, "from 1 to " + ArrayConfig.MAX_SIDE);
    int cols = p.integer("cols", 16, "from 1 to " + ArrayConfig.MAX_SIDE);
    ElementType input = p.elementType("input", ElementType.INT8);
    ElementType weight = p.elementType("weight", ElementType.INT8);
    boolean saturate = p.bool("saturate", false);
    int tileRows = p.integer("tileRows", 1, "dividing rows");
    int tileCols = p.integer("tileCols", 1, "dividing cols");
    ArrayConfig array = new ArrayConfig(rows, cols, input, weight, 32, saturate, Dataflow.WS, tileRows, tileCols,
        p.reset("reset"));
    return new Accelerator.Config(array,
        p.integer("spBanks", 4, "power of two from 1 to 64"),
        p.integer("spRows", 4096, "power of two from 2 to 65536"),
        p.integer("accBanks", 2, "power of two from 1 to 64"),
        p.integer("accRows", 512, "power of two from 2 to 65536"),
        p.integer("dataWidth", 128, "power of two from 32 to 512"),
        p.integer("addressWidth", 32, "from 12 to 32"),
        p.integer("idWidth", 4, "from 1 to 16"),
        p.integer("maxBurst", 256, "power of two from 1 to 256"),
        p.integer("outstanding", 16, "power of two from 2 to 64"),
        p.integer("queueDepth", 16, "power of two from 2 to 1024"),
        p.integer("maxTokens", 8, "from 1 to 255"));
  }

  private static void add(Top top) {
    TOPS.put(top.name(), top);
  }

  /** The PE array configuration from text parameters (missing ones take their defaults). */
  public static ArrayConfig arrayConfig(Map<String, String> parameters) {
    Parameters p = new Parameters("pe_array", parameters);
    ArrayConfig config = arrayConfig(p);
    p.rejectUnknown();
    return config;
  }

  /** The PE array configuration, with the defaults of the brief (16 x 16 int8 WS). */
  private static ArrayConfig arrayConfig(Parameters p) {
    int rows = p.integer("rows", 16, "from 1 to " + ArrayConfig.MAX_SIDE);
    int cols = p.integer("cols", 16, "from 1 to " + ArrayConfig.MAX_SIDE);
    ElementType input = p.elementType("input", ElementType.INT8);
    ElementType weight = p.elementType("weight", ElementType.INT8);
    int accWidth = p.integer("accWidth", 32, "from the product width to 64");
    boolean saturate = p.bool("saturate", false);
    Dataflow dataflow = p.parsed("dataflow", Dataflow.WS, Dataflow::parse);
    int tileRows = p.integer("tileRows", 1, "dividing rows");
    int tileCols = p.integer("tileCols", 1, "dividing cols");
    return new ArrayConfig(rows, cols, input, weight, accWidth, saturate, dataflow, tileRows, tileCols,
        p.reset("reset"));
  }

  private static MacPe.Config peConfig(Parameters p) {
    ElementType type = p.elementType("type", ElementType.INT8);
    int accWidth = p.integer("accWidth", 32, "from 2 x type width to 64");
    return new MacPe.Config(type, accWidth, p.reset("reset"));
  }

  public static Map<String, Top> tops() {
    return java.util.Collections.unmodifiableMap(TOPS);
  }

  /**
   * Elaborates a top from text parameters (missing ones take their defaults).
   *
   * @throws ConfigException naming the unknown top or the bad parameter and its allowed range
   */
  public static Design design(String top, Map<String, String> parameters) {
    Top entry = TOPS.get(top);
    if (entry == null) {
      throw new ConfigException("unknown top \"" + top + "\" (known: " + String.join(", ", TOPS.keySet()) + ")");
    }
    Parameters p = new Parameters(top, parameters);
    Module module = entry.builder().apply(p);
    p.rejectUnknown();
    return Design.of(module);
  }
}
