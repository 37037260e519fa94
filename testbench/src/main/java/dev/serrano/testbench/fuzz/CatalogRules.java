package dev.serrano.testbench.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad-input fuzzer's own statement of the catalog's tops and their parameters' allowed values,
 * written from the documented ranges ({@code serrano list}, docs/) rather than read from the code
 * under test: the oracle that says a mutated value is out of range and what its message must name.
 * A drift between this table and the catalog shows up as failing inputs.
 */
final class CatalogRules {
  /** What a parameter allows. */
  enum Kind {
    /** An integer from min to max. */
    INTEGER,
    /** A power of two from min to max. */
    POWER_OF_TWO,
    /** An accumulator width: from the product (or twice the element) width to max. */
    ACC_WIDTH,
    /** A tile count: a divisor of {@link Rule#side} (so from 1 to it). */
    TILE,
    /** An element type. */
    TYPE,
    DATAFLOW,
    RESET,
    BOOLEAN
  }

  /**
   * @param side for a tile count, the parameter it divides ({@code rows} or {@code cols})
   */
  record Rule(String name, Kind kind, int min, int max, String side) {
    boolean isInteger() {
      return kind == Kind.INTEGER || kind == Kind.POWER_OF_TWO || kind == Kind.ACC_WIDTH || kind == Kind.TILE;
    }
  }

  static final List<String> TYPES = List.of("s4", "s8", "s16", "u4", "u8", "u16");
  static final List<String> DATAFLOWS = List.of("ws", "os", "both");
  static final List<String> RESETS = List.of("sync_high", "sync_low", "async_high", "async_low");
  /** Each top's parameters in the catalog's order. */
  static final Map<String, List<Rule>> TOPS = new LinkedHashMap<>();

  static {
    TOPS.put("pe_mac", List.of(enumerated("type", Kind.TYPE), accWidth(), reset()));
    TOPS.put("mac_grid", List.of(integer("rows", 1, 128), integer("cols", 1, 128), enumerated("type", Kind.TYPE),
        accWidth(), reset()));
    TOPS.put("pe_array", List.of(integer("rows", 1, 256), integer("cols", 1, 256), enumerated("input", Kind.TYPE),
        enumerated("weight", Kind.TYPE), accWidth(), enumerated("saturate", Kind.BOOLEAN),
        enumerated("dataflow", Kind.DATAFLOW), tile("tileRows", "rows"), tile("tileCols", "cols"), reset()));
    TOPS.put("fifo", List.of(integer("width", 1, 8192), power("depth", 2, 65536), reset()));
    TOPS.put("scratchpad", List.of(power("banks", 1, 64), power("rows", 2, 65536), integer("rowWidth", 1, 4096),
        integer("readClients", 1, 8), integer("writeClients", 1, 8), reset()));
    TOPS.put("accumulator", List.of(power("banks", 1, 64), power("rows", 2, 65536), integer("lanes", 1, 4096),
        integer("laneWidth", 2, 64), enumerated("saturate", Kind.BOOLEAN), integer("readClients", 1, 8),
        integer("writeClients", 1, 8), reset()));
    TOPS.put("memory_system", List.of(integer("cols", 1, 256), enumerated("input", Kind.TYPE),
        integer("accWidth", 8, 64), enumerated("saturate", Kind.BOOLEAN), enumerated("postProcess", Kind.BOOLEAN),
        power("spBanks", 1, 64), power("spRows", 2, 65536), power("accBanks", 1, 64), power("accRows", 2, 65536),
        power("dataWidth", 32, 512), integer("addressWidth", 12, 64), integer("idWidth", 1, 16),
        power("maxBurst", 1, 256), power("outstanding", 2, 64), reset()));
    TOPS.put("post_process", List.of(integer("lanes", 1, 256), reset()));
    TOPS.put("accelerator", List.of(integer("rows", 1, 256), integer("cols", 1, 256), enumerated("input", Kind.TYPE),
        enumerated("weight", Kind.TYPE), enumerated("saturate", Kind.BOOLEAN), tile("tileRows", "rows"),
        tile("tileCols", "cols"), power("spBanks", 1, 64), power("spRows", 2, 65536), power("accBanks", 1, 64),
        power("accRows", 2, 65536), power("dataWidth", 32, 512), integer("addressWidth", 12, 32),
        integer("idWidth", 1, 16), power("maxBurst", 1, 256), power("outstanding", 2, 64),
        power("queueDepth", 2, 1024), integer("maxTokens", 1, 255), reset()));
    TOPS.put("csr_demo", List.of(integer("addressWidth", 4, 32), reset()));
  }

  private CatalogRules() {}

  static List<String> names(String top) {
    List<String> names = new ArrayList<>();
    TOPS.get(top).forEach(rule -> names.add(rule.name()));
    return names;
  }

  /** The smallest allowed value of an integer parameter, given the configuration's other parameters. */
  static int min(String top, Rule rule, Map<String, String> parameters) {
    if (rule.kind() != Kind.ACC_WIDTH) {
      return rule.min();
    }
    if (top.equals("pe_array")) {
      return width(parameters.getOrDefault("input", "s8")) + width(parameters.getOrDefault("weight", "s8"));
    }
    return 2 * width(parameters.getOrDefault("type", "s8"));
  }

  /** The largest allowed value of an integer parameter, given the configuration's other parameters. */
  static int max(Rule rule, Map<String, String> parameters) {
    return rule.kind() == Kind.TILE ? side(rule, parameters) : rule.max();
  }

  /** The value a tile count divides: its side's value, or the side's default of 16. */
  static int side(Rule rule, Map<String, String> parameters) {
    return Integer.parseInt(parameters.getOrDefault(rule.side(), "16"));
  }

  /** The allowed values of an enumerated parameter. */
  static List<String> allowed(Kind kind) {
    return switch (kind) {
      case TYPE -> TYPES;
      case DATAFLOW -> DATAFLOWS;
      case RESET -> RESETS;
      case BOOLEAN -> List.of("true", "false");
      default -> throw new IllegalArgumentException(kind + " is not enumerated");
    };
  }

  private static int width(String type) {
    return Integer.parseInt(type.replaceAll("[^0-9]", ""));
  }

  private static Rule integer(String name, int min, int max) {
    return new Rule(name, Kind.INTEGER, min, max, null);
  }

  private static Rule power(String name, int min, int max) {
    return new Rule(name, Kind.POWER_OF_TWO, min, max, null);
  }

  private static Rule accWidth() {
    return new Rule("accWidth", Kind.ACC_WIDTH, 0, 64, null);
  }

  private static Rule tile(String name, String side) {
    return new Rule(name, Kind.TILE, 1, 0, side);
  }

  private static Rule enumerated(String name, Kind kind) {
    return new Rule(name, kind, 0, 0, null);
  }

  private static Rule reset() {
    return enumerated("reset", Kind.RESET);
  }
}
