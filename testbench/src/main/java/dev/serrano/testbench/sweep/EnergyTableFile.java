package dev.serrano.testbench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads an {@link EnergyTable} from JSON (the format of the shipped {@code horowitz-45nm.json}):
 *
 * <pre>
 * { "name": "...", "about": "... (optional)",
 *   "int8_add":  {"pj": 0.03, "source": "..."},   "int8_mult": {...},   "int32_add": {...},
 *   "sram_read_64_bits": [{"capacity_bytes": 8192, "pj": 10, "source": "..."}, ...],
 *   "dram_64_bits": {"pj": 1300, "source": "..."} }
 * </pre>
 *
 * Every value needs its source. Unknown fields are errors rather than ignored, so that a misspelt
 * field does not silently leave the default in place. Every error is an {@link
 * EnergyTableException} naming the file and the field (as a path: {@code sram_read_64_bits[1].pj}).
 */
public final class EnergyTableFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_FIELDS = Set.of("name", "about", "int8_add", "int8_mult", "int32_add",
      "sram_read_64_bits", "dram_64_bits");
  private static final Set<String> COST_FIELDS = Set.of("pj", "source");
  private static final Set<String> SRAM_FIELDS = Set.of("capacity_bytes", "pj", "source");

  private EnergyTableFile() {}

  public static EnergyTable read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new EnergyTableException("cannot read energy table " + file + ": " + e.getMessage(), e);
    }
  }

  /** A table shipped beside this class. */
  static EnergyTable resource(String name) {
    try (InputStream in = EnergyTableFile.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new EnergyTableException("no energy table resource " + name);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EnergyTableException("cannot read energy table resource " + name + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code text}; {@code origin} (a file name) starts every error message. */
  public static EnergyTable parse(String origin, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new EnergyTableException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    Fields top = new Fields(origin, "", root, TOP_FIELDS);
    String name = top.string("name");
    if (root.has("about")) {
      top.string("about"); // optional prose for the reader, but a string when present
    }
    JsonNode classes = top.require("sram_read_64_bits");
    if (!classes.isArray() || classes.size() < 2) {
      throw top.error("sram_read_64_bits", "must be an array of at least 2 size classes", classes);
    }
    List<EnergyTable.SramClass> sram = new ArrayList<>();
    long previous = 0;
    for (int i = 0; i < classes.size(); i++) {
      Fields entry = new Fields(origin, "sram_read_64_bits[" + i + "].", classes.get(i), SRAM_FIELDS);
      long capacity = entry.capacity("capacity_bytes", previous);
      sram.add(new EnergyTable.SramClass(capacity, entry.picojoules("pj"), entry.string("source")));
      previous = capacity;
    }
    return new EnergyTable(name, top.cost("int8_add"), top.cost("int8_mult"), top.cost("int32_add"), sram,
        top.cost("dram_64_bits"));
  }

  /** One JSON object's fields, checked by name; {@code prefix} places it in the file for messages. */
  private record Fields(String origin, String prefix, JsonNode node, Set<String> known) {
    Fields {
      if (node == null || !node.isObject()) {
        String where = prefix.isEmpty() ? "the top level" : "\"" + prefix.substring(0, prefix.length() - 1) + "\"";
        throw new EnergyTableException(origin + ": " + where + " must be a JSON object, got "
            + (node == null ? "nothing" : node.toString()));
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
        String field = names.next();
        if (!known.contains(field)) {
          throw new EnergyTableException(origin + ": unknown field \"" + prefix + field + "\" (known: "
              + known.stream().sorted().toList() + ")");
        }
      }
    }

    JsonNode require(String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        throw new EnergyTableException(origin + ": missing field \"" + prefix + field + "\"");
      }
      return value;
    }

    String string(String field) {
      JsonNode value = require(field);
      if (!value.isTextual() || value.asText().isBlank()) {
        throw error(field, "must be a non-empty string", value);
      }
      return value.asText();
    }

    /** Above 0 and at most 1e9 pJ (1 mJ, far beyond any single action), so a misplaced total is caught. */
    double picojoules(String field) {
      JsonNode value = require(field);
      if (!value.isNumber() || !(value.asDouble() > 0) || value.asDouble() > 1e9) {
        throw error(field, "must be a number of picojoules above 0 and at most 1e9", value);
      }
      return value.asDouble();
    }

    long capacity(String field, long previous) {
      JsonNode value = require(field);
      if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= previous) {
        throw error(field, "must be a whole number of bytes above " + previous
            + (previous == 0 ? "" : " (the previous class: capacities increase)"), value);
      }
      return value.asLong();
    }

    EnergyTable.Cost cost(String field) {
      Fields cost = new Fields(origin, prefix + field + ".", require(field), COST_FIELDS);
      return new EnergyTable.Cost(cost.picojoules("pj"), cost.string("source"));
    }

    EnergyTableException error(String field, String rule, JsonNode value) {
      return new EnergyTableException(origin + ": field \"" + prefix + field + "\" " + rule + ", got " + value);
    }
  }
}
