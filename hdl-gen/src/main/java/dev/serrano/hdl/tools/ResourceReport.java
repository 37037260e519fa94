package dev.serrano.hdl.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells of one top after one synthesis flow: the count of every mapped cell type and the
 * totals by {@link ResourceKind}. For {@link Flow#GENERIC} only {@link #ff()} and {@link #cells()}
 * are meaningful (the other cells are generic gates, counted as {@link ResourceKind#OTHER}).
 */
public record ResourceReport(String top, Flow flow, Map<String, Integer> cellTypes) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ResourceReport {
    cellTypes = Collections.unmodifiableMap(new TreeMap<>(cellTypes));
  }

  /** Cells of one type, 0 when there are none. */
  public int count(String cellType) {
    return cellTypes.getOrDefault(cellType, 0);
  }

  /** Cells of one kind, summed over the flow's cell types of that kind. */
  public int count(ResourceKind kind) {
    return cellTypes.entrySet().stream().filter(e -> flow.kindOf(e.getKey()) == kind)
        .mapToInt(Map.Entry::getValue).sum();
  }

  public int lut() {
    return count(ResourceKind.LUT);
  }

  public int ff() {
    return count(ResourceKind.FF);
  }

  public int carry() {
    return count(ResourceKind.CARRY);
  }

  public int dsp() {
    return count(ResourceKind.DSP);
  }

  /** Block RAM primitives of any size (see {@link #bramBits()} for their capacity). */
  public int bram() {
    return count(ResourceKind.BRAM);
  }

  public int lutram() {
    return count(ResourceKind.LUTRAM);
  }

  /** Every cell of the flattened top. */
  public int cells() {
    return cellTypes.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Storage capacity of the block RAM primitives used. */
  public long bramBits() {
    return cellTypes.entrySet().stream().mapToLong(e -> (long) flow.blockRamBits(e.getKey()) * e.getValue()).sum();
  }

  /**
   * The report as JSON: top, flow, the totals by kind (lower-case names, plus cells and bramBits)
   * and the cell types, keys in a fixed order.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("top", top);
    root.put("flow", flow.id());
    ObjectNode totals = root.putObject("resources");
    for (ResourceKind kind : ResourceKind.values()) {
      totals.put(kind.name().toLowerCase(java.util.Locale.ROOT), count(kind));
    }
    totals.put("cells", cells());
    totals.put("bramBits", bramBits());
    ObjectNode types = root.putObject("cellTypes");
    cellTypes.forEach(types::put);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
