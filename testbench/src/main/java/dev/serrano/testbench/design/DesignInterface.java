package dev.serrano.testbench.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A design as the testbench sees it: the interface JSON of one top plus the folder holding its
 * Verilog files. Keys this reader does not know are ignored; the register map ("registers") is read
 * on demand by {@link #registerMap()}.
 *
 * @param directory folder of the JSON file; {@code files} are relative to it
 * @param top name of the top module
 * @param clock the clock port, or null for a purely combinational design
 * @param reset the reset port, or null when the design has none
 * @param ports every top-level port in declaration order
 * @param files Verilog files, bottom-up
 * @param memories every memory of the hierarchy (empty when the JSON lists none)
 * @param buses every bus ("buses": AXI4 master or AXI4-Lite slave ports; empty when the JSON lists none), each checked
 *     against the ports
 * @param parameters generator parameters, for messages and cache keys only
 */
public record DesignInterface(
    Path directory,
    String top,
    String clock,
    ResetSpec reset,
    List<PortSpec> ports,
    List<String> files,
    List<MemorySpec> memories,
    List<BusSpec> buses,
    Map<String, String> parameters) {

  public static final String FORMAT = "serrano-interface/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  public DesignInterface {
    ports = List.copyOf(ports);
    files = List.copyOf(files);
    memories = List.copyOf(memories);
    buses = List.copyOf(buses);
    Set<String> busNames = new HashSet<>();
    for (BusSpec bus : buses) {
      if (!busNames.add(bus.name())) {
        throw new InterfaceFormatException("design " + top + ": two buses are named " + bus.name());
      }
      bus.validate(ports, top);
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Reads {@code <top>.json}; the Verilog files are looked up beside it. */
  public static DesignInterface read(Path jsonFile) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(jsonFile));
    } catch (IOException e) {
      throw new InterfaceFormatException("cannot read interface JSON " + jsonFile + ": " + e.getMessage(), e);
    }
    String format = text(root, "format", jsonFile);
    if (!FORMAT.equals(format)) {
      throw new InterfaceFormatException(jsonFile + ": format must be " + FORMAT + ", got " + format);
    }
    Path directory = jsonFile.toAbsolutePath().getParent();
    return new DesignInterface(
        directory,
        text(root, "top", jsonFile),
        optionalText(root, "clock"),
        reset(root.get("reset")),
        ports(root.get("ports"), jsonFile),
        files(root.get("files"), jsonFile),
        memories(root.get("memories"), jsonFile),
        buses(root.get("buses"), jsonFile),
        parameters(root.get("parameters")));
  }

  /** The register map of {@code <directory>/<top>.json} ("registers"), empty when it has none. */
  public RegisterMapSpec registerMap() {
    return RegisterMapSpec.read(directory.resolve(top + ".json"));
  }

  /** Reads {@code <directory>/<top>.json}. */
  public static DesignInterface read(Path directory, String top) {
    return read(directory.resolve(top + ".json"));
  }

  public Optional<PortSpec> port(String name) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public int portIndex(String name) {
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String text(JsonNode root, String key, Path file) {
    JsonNode node = root.get(key);
    if (node == null || !node.isTextual()) {
      throw new InterfaceFormatException(file + ": missing string field \"" + key + "\"");
    }
    return node.asText();
  }

  private static String optionalText(JsonNode root, String key) {
    JsonNode node = root.get(key);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static ResetSpec reset(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return new ResetSpec(
        node.path("port").asText(), node.path("activeLow").asBoolean(), node.path("synchronous").asBoolean(true));
  }

  private static List<PortSpec> ports(JsonNode node, Path file) {
    if (node == null || !node.isArray()) {
      throw new InterfaceFormatException(file + ": missing array \"ports\"");
    }
    List<PortSpec> ports = new ArrayList<>();
    for (JsonNode port : node) {
      String name = port.path("name").asText();
      ports.add(new PortSpec(
          name,
          Direction.parse(port.path("direction").asText(), name),
          port.path("width").asInt(0),
          port.path("signed").asBoolean(false)));
    }
    return ports;
  }

  private static List<String> files(JsonNode node, Path file) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new InterfaceFormatException(file + ": missing non-empty array \"files\"");
    }
    List<String> files = new ArrayList<>();
    node.forEach(f -> files.add(f.asText()));
    return files;
  }

  private static List<MemorySpec> memories(JsonNode node, Path file) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InterfaceFormatException(file + ": \"memories\" must be an array");
    }
    List<MemorySpec> memories = new ArrayList<>();
    for (JsonNode memory : node) {
      memories.add(new MemorySpec(
          memory.path("path").asText(),
          memory.path("module").asText(),
          memory.path("name").asText(),
          memory.path("width").asInt(0),
          memory.path("depth").asLong(0)));
    }
    return memories;
  }

  private static List<BusSpec> buses(JsonNode node, Path file) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InterfaceFormatException(file + ": \"buses\" must be an array");
    }
    List<BusSpec> buses = new ArrayList<>();
    for (JsonNode bus : node) {
      buses.add(new BusSpec(
          bus.path("name").asText(),
          bus.path("protocol").asText(),
          bus.path("role").asText(),
          bus.path("dataWidth").asInt(0),
          bus.path("addressWidth").asInt(0),
          bus.path("idWidth").asInt(0)));
    }
    return buses;
  }

  /** The bus named {@code name}, if the design declares it. */
  public Optional<BusSpec> bus(String name) {
    return buses.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  private static Map<String, String> parameters(JsonNode node) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
    }
    return parameters;
  }
}
