package dev.serrano.hdl.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Place and route on an iCE40UP5K-SG48 with nextpnr-ice40: synthesizes the board build with
 * {@link Flow#ICE40}, places and routes it against the PCF (pins and {@code set_frequency}), and reads
 * nextpnr's JSON report. No bitstream is written (icepack is not needed). The seed is fixed, so a
 * rerun gives the same figures.
 */
public final class PlaceAndRoute {
  static final String DEVICE = "iCE40UP5K-SG48";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One resource of the device: how many the design uses of how many there are. */
  public record Use(int used, int available) {}

  /**
   * @param achievedMhz nextpnr's Fmax estimate of the clock after routing
   * @param targetMhz the PCF's {@code set_frequency}
   * @param utilization nextpnr's bel types (ICESTORM_LC, ICESTORM_DSP, ICESTORM_RAM, SB_IO ...) by name
   */
  public record Report(String top, String device, ResourceReport synthesis, double achievedMhz, double targetMhz,
      Map<String, Use> utilization) {
    public Report {
      utilization = java.util.Collections.unmodifiableMap(new TreeMap<>(utilization));
    }

    public boolean timingMet() {
      return achievedMhz >= targetMhz;
    }
  }

  private PlaceAndRoute() {}

  /**
   * Places and routes {@code top} from {@code files} (relative to {@code folder}, where the netlist
   * {@code <top>.netlist.json}, the nextpnr log and report {@code <top>.nextpnr.json} are written).
   *
   * @throws IllegalStateException with nextpnr's last lines when it fails (for example, the design
   *     does not fit the device)
   */
  public static Report ice40Up5k(Path folder, List<String> files, String top, Path pcf) {
    Path netlist = folder.resolve(top + ".netlist.json");
    ResourceReport synthesis = Synthesis.run(folder, files, top, Flow.ICE40, Optional.of(netlist));
    Path report = folder.resolve(top + ".nextpnr.json");
    Path log = folder.resolve(top + ".nextpnr.log");
    List<String> command = List.of("nextpnr-ice40", "--up5k", "--package", "sg48", "--seed", "1",
        "--timing-allow-fail", "--json", netlist.toAbsolutePath().toString(), "--pcf",
        pcf.toAbsolutePath().toString(), "--report", report.toAbsolutePath().toString(), "--log",
        log.toAbsolutePath().toString(), "--quiet");
    try {
      Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("nextpnr-ice40 failed on " + top + " (" + DEVICE + "):\n" + tail(output));
      }
      return read(top, synthesis, JSON.readTree(report.toFile()));
    } catch (IOException e) {
      throw new ToolMissingException("nextpnr-ice40", "nextpnr-ice40");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running nextpnr-ice40", e);
    }
  }

  /** The report of nextpnr's JSON: its one clock's Fmax (achieved, constraint) and its utilization. */
  static Report read(String top, ResourceReport synthesis, JsonNode json) {
    JsonNode fmax = json.path("fmax");
    if (fmax.size() != 1) {
      throw new IllegalStateException("nextpnr reported " + fmax.size() + " clocks for " + top + ", expected 1: " + fmax);
    }
    JsonNode clock = fmax.elements().next();
    Map<String, Use> utilization = new TreeMap<>();
    json.path("utilization").fields().forEachRemaining(e -> utilization.put(e.getKey(),
        new Use(e.getValue().path("used").asInt(), e.getValue().path("available").asInt())));
    return new Report(top, DEVICE, synthesis, clock.path("achieved").asDouble(), clock.path("constraint").asDouble(),
        utilization);
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
