package dev.serrano.hdl.tools;

import java.util.List;

/** Resource reports as one Markdown table, a row per flow. */
public final class ResourceTable {
  private ResourceTable() {}

  public static String format(List<ResourceReport> reports) {
    StringBuilder table = new StringBuilder();
    table.append("| flow | LUT | FF | carry | DSP | BRAM | BRAM Kbit | LUT RAM | other | cells |\n");
    table.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (ResourceReport r : reports) {
      table.append(String.format("| %s | %d | %d | %d | %d | %d | %.1f | %d | %d | %d |%n", r.flow().id(), r.lut(),
          r.ff(), r.carry(), r.dsp(), r.bram(), r.bramBits() / 1024.0, r.lutram(), r.count(ResourceKind.OTHER),
          r.cells()));
    }
    return table.toString();
  }
}
