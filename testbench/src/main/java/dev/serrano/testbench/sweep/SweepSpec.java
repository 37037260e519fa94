package dev.serrano.testbench.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep: grids of accelerator catalog parameters times a list of GEMM workloads, read from JSON:
 *
 * <pre>
 * { "parameters": {"rows": [2, 4], "cols": [2, 4], "spRows": [64]},
 *   "workloads": [{"m": 8, "n": 6, "k": 10}, {"name": "decode", "m": 1, "n": 16, "k": 16},
 *                 {"topology": "layers.csv", "name": "mynet"}, {"preset": "resnet18"}] }
 * </pre>
 *
 * A workload is a GEMM, a network read from a SCALE-Sim topology CSV ({@link TopologyCsv}; the path is
 * relative to the spec file, the name defaults to the file's name without ".csv") or a shipped
 * network ({@link TopologyCsv#PRESETS}). A network's layers become GEMMs named {@code NETWORK.LAYER}
 * that carry the network's name, so results can be totalled per network.
 *
 * A grid's configurations are the cross product of its parameter lists in the order the file gives
 * them, the last parameter varying fastest (like nested loops written in that order); parameters left
 * out take the catalog's defaults. {@code "parameters"} may also be an array of grids, taken one after
 * the other, for sets a single cross product cannot give (2 x 2 and 4 x 4 without 2 x 4). The points
 * are every configuration times every workload, configuration by configuration. The catalog checks
 * the parameter names and values when a configuration is generated, so a bad value fails that
 * configuration's points, not the sweep. Errors in the file itself are {@link SweepSpecException}s
 * naming the field.
 *
 * A grid may name the {@code top} a configuration is ({@code accelerator}, the default, or
 * {@code pe_array}, the array on its own, which also runs the output-stationary dataflow); its other
 * parameters are that top's catalog parameters.
 *
 * @param grids each grid's parameters and their values, in the file's order
 * @param workloads the GEMMs every configuration runs, in the file's order
 * @param areaFlows the Yosys flows each configuration is synthesized with ({@link AreaFlow} names, in
 *     that order; empty for no area): {@code "area"} in the file, all of them when left out
 * @param clockMhz the clock throughput figures (GOPS) are stated at: {@code "clockMhz"}, default 500
 */
public record SweepSpec(List<Map<String, List<String>>> grids, List<Gemm> workloads, List<String> areaFlows,
    double clockMhz) {
  /** Largest M, N or K: keeps operands and the memory model small enough for a sweep point. */
  public static final int MAX_DIMENSION = 1 << 14;

  /** Names become file names: letters, digits, '.', '-' and '_' only. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  /** Strict: a key given twice or anything after the top-level object is an error, not silently dropped. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> TOP_FIELDS = Set.of("parameters", "workloads", "area", "clockMhz");
  /** The clock GOPS are stated at unless a spec says otherwise (docs/accelerator.md uses it too). */
  public static final double DEFAULT_CLOCK_MHZ = 500;
  private static final Set<String> GEMM_FIELDS = Set.of("name", "m", "n", "k", "network");
  private static final Set<String> TOPOLOGY_FIELDS = Set.of("topology", "name");
  private static final Set<String> PRESET_FIELDS = Set.of("preset");

  public SweepSpec {
    if (grids.isEmpty()) {
      throw new SweepSpecException("parameters must list at least one grid");
    }
    List<Map<String, List<String>>> copies = new ArrayList<>();
    for (int i = 0; i < grids.size(); i++) {
      copies.add(checkedGrid(grids.size() == 1 ? "parameters" : "parameters[" + i + "]", grids.get(i)));
    }
    grids = List.copyOf(copies);
    if (workloads.isEmpty()) {
      throw new SweepSpecException("workloads must list at least one GEMM");
    }
    workloads = List.copyOf(workloads);
    Set<String> names = new HashSet<>();
    for (Gemm gemm : workloads) {
      if (!names.add(gemm.name())) {
        throw new SweepSpecException("workloads: the name \"" + gemm.name() + "\" is used twice");
      }
    }
    areaFlows = List.copyOf(areaFlows);
    for (String flow : areaFlows) {
      if (!AreaFlow.NAMES.contains(flow)) {
        throw new SweepSpecException("area must list flows from " + AreaFlow.NAMES + ", got \"" + flow + "\"");
      }
    }
    if (Set.copyOf(areaFlows).size() != areaFlows.size()) {
      throw new SweepSpecException("area lists a flow twice: " + areaFlows);
    }
    if (!(clockMhz > 0 && clockMhz <= 100_000)) {
      throw new SweepSpecException("clockMhz must be above 0 and at most 100000, got " + clockMhz);
    }
    Set<String> configurations = new HashSet<>();
    for (Configuration configuration : configurations(grids)) {
      if (!configurations.add(configuration.name())) {
        throw new SweepSpecException("parameters: the configuration " + configuration.name() + " comes twice");
      }
    }
  }

  /** One grid's parameter lists, checked and copied in order. */
  private static Map<String, List<String>> checkedGrid(String where, Map<String, List<String>> grid) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    grid.forEach((name, values) -> {
      requireName(where, name);
      if (values.isEmpty()) {
        throw new SweepSpecException(where + "." + name + " must list at least one value");
      }
      values.forEach(value -> requireName(where + "." + name, value));
      if (name.equals(Configuration.TOP)) {
        values.stream().filter(top -> !PointBench.TOPS.contains(top)).findFirst().ifPresent(top -> {
          throw new SweepSpecException(where + ".top must be one of " + PointBench.TOPS + ", got \"" + top + "\"");
        });
      }
      if (Set.copyOf(values).size() != values.size()) {
        throw new SweepSpecException(where + "." + name + " lists a value twice: " + values);
      }
      copy.put(name, List.copyOf(values));
    });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * One GEMM, C[M x N] = A[M x K] B[K x N], int8 operands and int32 results.
   *
   * @param network the network this GEMM is a layer of; null for a GEMM on its own
   */
  public record Gemm(String name, int m, int n, int k, String network) {
    public Gemm {
      requireName("workloads.name", name);
      requireDimension(name, "m", m);
      requireDimension(name, "n", n);
      requireDimension(name, "k", k);
      if (network != null) {
        requireName("workloads[" + name + "].network", network);
      }
    }

    /** A GEMM on its own, in no network. */
    public Gemm(String name, int m, int n, int k) {
      this(name, m, n, k, null);
    }

    /** Named by its shape: {@code gemm-8x6x10}. */
    public static Gemm of(int m, int n, int k) {
      return new Gemm("gemm-" + m + "x" + n + "x" + k, m, n, k);
    }

    public long macs() {
      return (long) m * n * k;
    }

    private static void requireDimension(String gemm, String field, int value) {
      if (value < 1 || value > MAX_DIMENSION) {
        throw new SweepSpecException("workloads[" + gemm + "]." + field + " must be from 1 to " + MAX_DIMENSION
            + ", got " + value);
      }
    }
  }

  /** Every point's grid, every flow, the default clock: the spec of a sweep written as code. */
  public SweepSpec(List<Map<String, List<String>>> grids, List<Gemm> workloads) {
    this(grids, workloads, AreaFlow.NAMES, DEFAULT_CLOCK_MHZ);
  }

  /** One configuration: the swept parameters, in the spec's order. */
  public record Configuration(Map<String, String> parameters) {
    /** The parameter naming the top; not a catalog parameter. */
    public static final String TOP = "top";

    public Configuration {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The catalog top this configuration is: {@code top} when swept, else the accelerator. */
    public String top() {
      return parameters.getOrDefault(TOP, PointBench.TOPS.get(0));
    }

    /** The top's catalog parameters: the swept ones but {@code top}. */
    public Map<String, String> catalogParameters() {
      Map<String, String> catalog = new LinkedHashMap<>(parameters);
      catalog.remove(TOP);
      return catalog;
    }

    /**
     * A stable name: {@code rows=2,cols=4}, or {@code defaults} when nothing is swept. Names and values
     * hold no '=', ',' or '@', so the name is unique.
     */
    public String name() {
      List<String> parts = new ArrayList<>();
      parameters.forEach((name, value) -> parts.add(name + "=" + value));
      return parts.isEmpty() ? "defaults" : String.join(",", parts);
    }
  }

  /** One configuration running one workload. */
  public record Point(Configuration configuration, Gemm workload) {
    /** A stable name, unique in the sweep, usable as a file name: {@code rows=2,cols=4@gemm-8x6x10}. */
    public String key() {
      return configuration.name() + "@" + workload.name();
    }
  }

  /** Every grid's cross product, grid after grid, the last parameter of a grid varying fastest. */
  public List<Configuration> configurations() {
    return configurations(grids);
  }

  private static List<Configuration> configurations(List<Map<String, List<String>>> grids) {
    List<Configuration> configurations = new ArrayList<>();
    for (Map<String, List<String>> grid : grids) {
      List<Map<String, String>> partial = List.of(Map.of());
      for (Map.Entry<String, List<String>> parameter : grid.entrySet()) {
        List<Map<String, String>> extended = new ArrayList<>();
        for (Map<String, String> prefix : partial) {
          for (String value : parameter.getValue()) {
            Map<String, String> next = new LinkedHashMap<>(prefix);
            next.put(parameter.getKey(), value);
            extended.add(next);
          }
        }
        partial = extended;
      }
      partial.stream().map(Configuration::new).forEach(configurations::add);
    }
    return configurations;
  }

  /** Every parameter some grid sweeps, in the order they first appear: the results' parameter columns. */
  public List<String> parameterNames() {
    Set<String> names = new LinkedHashSet<>();
    grids.forEach(grid -> names.addAll(grid.keySet()));
    return List.copyOf(names);
  }

  /** Every point: configurations in {@link #configurations()} order, each with the workloads in order. */
  public List<Point> points() {
    List<Point> points = new ArrayList<>();
    for (Configuration configuration : configurations()) {
      for (Gemm gemm : workloads) {
        points.add(new Point(configuration, gemm));
      }
    }
    return points;
  }

  /** Reads {@code file}; topology paths in it are relative to its folder. */
  public static SweepSpec read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SweepSpecException("cannot read sweep file " + file + ": no such file", e);
    } catch (IOException e) {
      throw new SweepSpecException("cannot read sweep file " + file + ": " + e.getMessage(), e);
    }
    // Bytes, not a String: the parser names the line and column of a byte that is not UTF-8.
    return parse(file.toString(), () -> JSON.readTree(bytes), file.toAbsolutePath().getParent());
  }

  /**
   * Parses {@code text}; {@code origin} (a file name) starts every error message, topology paths are
   * relative to {@code baseFolder}.
   */
  public static SweepSpec parse(String origin, String text, Path baseFolder) {
    return parse(origin, () -> JSON.readTree(text), baseFolder);
  }

  /** The parsed JSON of a spec, from text or bytes. */
  private interface JsonSource {
    JsonNode read() throws IOException;
  }

  private static SweepSpec parse(String origin, JsonSource source, Path baseFolder) {
    try {
      JsonNode root = source.read();
      if (root == null || root.isMissingNode()) {
        throw new SweepSpecException("the file is empty; a sweep is a JSON object with \"workloads\"");
      }
      return parse(root, baseFolder);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SweepSpecException(origin + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SweepSpecException(origin + ": cannot read: " + e.getMessage(), e);
    } catch (SweepSpecException e) {
      throw new SweepSpecException(origin + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code text}, topology paths relative to the working directory. */
  public static SweepSpec parse(String origin, String text) {
    return parse(origin, text, Path.of(""));
  }

  private static SweepSpec parse(JsonNode root, Path baseFolder) {
    requireObject("the top level", root, TOP_FIELDS);
    List<Map<String, List<String>>> grids = new ArrayList<>();
    JsonNode parameters = root.get("parameters");
    if (parameters == null) {
      grids.add(Map.of());
    } else if (parameters.isArray()) {
      for (int i = 0; i < parameters.size(); i++) {
        grids.add(grid("parameters[" + i + "]", parameters.get(i)));
      }
    } else {
      grids.add(grid("parameters", parameters));
    }
    JsonNode list = root.get("workloads");
    if (list == null || !list.isArray()) {
      throw new SweepSpecException("workloads must be an array of GEMMs {\"m\", \"n\", \"k\", \"name\" (optional)}"
          + ", topology files {\"topology\", \"name\" (optional)} or presets {\"preset\"}, got "
          + (list == null ? "nothing" : list));
    }
    List<Gemm> workloads = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      workloads.addAll(workload("workloads[" + i + "]", list.get(i), baseFolder));
    }
    List<String> area = AreaFlow.NAMES;
    JsonNode flows = root.get("area");
    if (flows != null) {
      if (!flows.isArray()) {
        throw new SweepSpecException("area must be an array of flows from " + AreaFlow.NAMES + ", got " + flows);
      }
      area = new ArrayList<>();
      for (JsonNode flow : flows) {
        area.add(flow.asText());
      }
    }
    JsonNode clock = root.get("clockMhz");
    if (clock != null && !clock.isNumber()) {
      throw new SweepSpecException("clockMhz must be a number above 0 and at most 100000, got " + clock);
    }
    return new SweepSpec(grids, workloads, area, clock == null ? DEFAULT_CLOCK_MHZ : clock.asDouble());
  }

  /** The spec as JSON, in the form {@link #parse} reads: written beside the results so shards can be checked. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode gridList = root.putArray("parameters");
    for (Map<String, List<String>> grid : grids) {
      ObjectNode node = gridList.addObject();
      grid.forEach((name, values) -> values.forEach(node.putArray(name)::add));
    }
    ArrayNode list = root.putArray("workloads");
    for (Gemm gemm : workloads) {
      ObjectNode node = list.addObject().put("name", gemm.name()).put("m", gemm.m()).put("n", gemm.n())
          .put("k", gemm.k());
      if (gemm.network() != null) {
        node.put("network", gemm.network());
      }
    }
    areaFlows.forEach(root.putArray("area")::add);
    root.put("clockMhz", clockMhz);
    return root.toPrettyString() + "\n";
  }

  private static Map<String, List<String>> grid(String where, JsonNode node) {
    requireObject(where, node, null);
    Map<String, List<String>> grid = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
      Map.Entry<String, JsonNode> field = fields.next();
      grid.put(field.getKey(), values(where + "." + field.getKey(), field.getValue()));
    }
    return grid;
  }

  private static List<String> values(String where, JsonNode node) {
    if (!node.isArray()) {
      throw new SweepSpecException(where + " must be an array of values, got " + node);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        throw new SweepSpecException(where + " values must be whole numbers or strings, got " + value);
      }
      values.add(value.asText());
    }
    return values;
  }

  /** One workload entry: a GEMM, or the layers of a topology file or preset. */
  private static List<Gemm> workload(String where, JsonNode node, Path baseFolder) {
    if (node.has("topology")) {
      requireObject(where, node, TOPOLOGY_FIELDS);
      String file = text(where, node, "topology");
      String network = node.has("name") ? text(where, node, "name")
          : Path.of(file).getFileName().toString().replaceFirst("\\.csv$", "");
      requireName(where + ".name", network);
      return TopologyCsv.read(baseFolder.resolve(file), network);
    }
    if (node.has("preset")) {
      requireObject(where, node, PRESET_FIELDS);
      return TopologyCsv.preset(text(where, node, "preset"));
    }
    requireObject(where, node, GEMM_FIELDS);
    int m = dimension(where, node, "m");
    int n = dimension(where, node, "n");
    int k = dimension(where, node, "k");
    String network = node.has("network") ? text(where, node, "network") : null;
    String name = node.has("name") ? text(where, node, "name") : Gemm.of(m, n, k).name();
    return List.of(new Gemm(name, m, n, k, network));
  }

  private static String text(String where, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw new SweepSpecException(where + "." + field + " must be a string, got " + value);
    }
    return value.asText();
  }

  /** The networks the workloads hold, in the order they first appear. */
  public List<String> networks() {
    return workloads.stream().map(Gemm::network).filter(Objects::nonNull).distinct().toList();
  }

  private static int dimension(String where, JsonNode gemm, String field) {
    JsonNode value = gemm.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1
        || value.asInt() > MAX_DIMENSION) {
      throw new SweepSpecException(where + "." + field + " must be a whole number from 1 to " + MAX_DIMENSION
          + ", got " + (value == null ? "nothing" : value));
    }
    return value.asInt();
  }

  /** {@code known} null: any field names. */
  private static void requireObject(String where, JsonNode node, Set<String> known) {
    if (!node.isObject()) {
      throw new SweepSpecException(where + " must be a JSON object, got " + node);
    }
    if (known == null) {
      return;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
      String field = names.next();
      if (!known.contains(field)) {
        throw new SweepSpecException(where + ": unknown field \"" + field + "\" (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static void requireName(String where, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new SweepSpecException(where + " \"" + name + "\" must be letters, digits, '.', '-' or '_'"
          + " (it becomes part of a file name)");
    }
  }
}
