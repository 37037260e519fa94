package dev.serrano.hdl.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Synthesizes Verilog with Yosys and reads the cell counts of the top's flattened statistics. */
public final class YosysStats {
  /** Synthesis flows by name: generic cells, iCE40 with DSPs, Xilinx 7-series. */
  public enum Flow {
    GENERIC("synth -flatten -top %s"),
    ICE40("synth_ice40 -dsp -top %s"),
    XILINX("synth_xilinx -flatten -top %s");

    private final String command;

    Flow(String command) {
      this.command = command;
    }
  }

  private static final Pattern CELL = Pattern.compile("^\\s+(\\$?\\w+)\\s+(\\d+)$");
  private static final Pattern TOTAL = Pattern.compile("^\\s+Number of cells:\\s+(\\d+)$");

  private YosysStats() {}

  /** Cell type to count, plus "cells" for the total, after synthesizing {@code top} from {@code files}. */
  public static Map<String, Integer> synthesize(Path folder, List<String> files, String top, Flow flow) {
    String script = "read_verilog " + String.join(" ", files) + "; " + String.format(flow.command, top)
        + "; tee -o yosys-stat.txt stat";
    try {
      Process process = new ProcessBuilder("yosys", "-q", "-p", script).directory(folder.toFile())
          .redirectErrorStream(true).start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("yosys failed on " + top + " (" + flow + "):\n" + log);
      }
      return parse(java.nio.file.Files.readAllLines(folder.resolve("yosys-stat.txt")));
    } catch (IOException e) {
      throw new ToolMissingException("yosys", "yosys");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running yosys", e);
    }
  }

  /** The last statistics block in the text (the top's, after its submodules'). */
  static Map<String, Integer> parse(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : lines) {
      Matcher total = TOTAL.matcher(line);
      if (total.matches()) {
        counts = new TreeMap<>();
        counts.put("cells", Integer.parseInt(total.group(1)));
        continue;
      }
      Matcher cell = CELL.matcher(line);
      if (cell.matches() && !counts.isEmpty()) {
        counts.put(cell.group(1), Integer.parseInt(cell.group(2)));
      }
    }
    return counts;
  }
}
