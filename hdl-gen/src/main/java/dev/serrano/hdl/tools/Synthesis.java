package dev.serrano.hdl.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Synthesizes Verilog with Yosys in one {@link Flow} and reads the cell counts of the flattened top. */
public final class Synthesis {
  private static final Pattern CELL = Pattern.compile("^\\s+(\\$?[\\w$]+)\\s+(\\d+)$");
  private static final Pattern TOTAL = Pattern.compile("^\\s+Number of cells:\\s+(\\d+)$");
  private static final String STAT_FILE = "yosys-stat.txt";

  private Synthesis() {}

  /**
   * Synthesizes {@code top} from {@code files} (relative to {@code folder}, where Yosys runs and
   * leaves {@value #STAT_FILE}).
   *
   * @throws ToolMissingException when yosys is not installed
   * @throws IllegalStateException with Yosys's log when synthesis fails
   */
  public static ResourceReport run(Path folder, List<String> files, String top, Flow flow) {
    return run(folder, files, top, flow, Optional.empty());
  }

  /** As {@link #run(Path, List, String, Flow)}, also writing the mapped netlist as Yosys JSON (for nextpnr). */
  public static ResourceReport run(Path folder, List<String> files, String top, Flow flow, Optional<Path> netlist) {
    return run(folder, files, top, flow, flow.script(top), "stat", netlist);
  }

  /**
   * As {@link #run(Path, List, String, Flow)} with {@link Flow#hierarchicalScript}: the counts are
   * the whole hierarchy's, each module's cells times its instances.
   */
  public static ResourceReport runHierarchical(Path folder, List<String> files, String top, Flow flow) {
    return run(folder, files, top, flow, flow.hierarchicalScript(top), "stat -top " + top, Optional.empty());
  }

  /** {@code yosys -V}, for keys of cached results. */
  public static String yosysVersion() {
    try {
      Process process = new ProcessBuilder("yosys", "-V").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("yosys -V failed: " + version);
      }
      return version;
    } catch (IOException e) {
      throw new ToolMissingException("yosys", "yosys");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running yosys", e);
    }
  }

  private static ResourceReport run(Path folder, List<String> files, String top, Flow flow, String script,
      String stat, Optional<Path> netlist) {
    List<String> commands = new ArrayList<>();
    commands.add("read_verilog " + String.join(" ", files));
    commands.add(script);
    commands.add("tee -q -o " + STAT_FILE + " " + stat);
    netlist.ifPresent(path -> commands.add("write_json " + path.toAbsolutePath()));
    try {
      Process process = new ProcessBuilder("yosys", "-q", "-p", String.join("; ", commands))
          .directory(folder.toFile()).redirectErrorStream(true).start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("yosys failed on " + top + " (" + flow.id() + "):\n" + log);
      }
      return new ResourceReport(top, flow, parse(Files.readAllLines(folder.resolve(STAT_FILE))));
    } catch (IOException e) {
      throw new ToolMissingException("yosys", "yosys");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running yosys", e);
    }
  }

  /** Cell type to count of the last statistics block in Yosys's {@code stat} text (the top's). */
  static Map<String, Integer> parse(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>();
    boolean inBlock = false;
    for (String line : lines) {
      if (TOTAL.matcher(line).matches()) {
        counts = new TreeMap<>();
        inBlock = true;
        continue;
      }
      Matcher cell = CELL.matcher(line);
      if (inBlock && cell.matches()) {
        counts.put(cell.group(1), Integer.parseInt(cell.group(2)));
      }
    }
    return counts;
  }
}
