package dev.serrano.hdl.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serrano.hdl.Repository;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The configurations under {@code configs/}, emitted in memory, by name (the file name without .json). */
final class ShippedConfigurations {
  private ShippedConfigurations() {}

  static Map<String, EmittedDesign> emitAll() {
    Map<String, EmittedDesign> all = new LinkedHashMap<>();
    designs().forEach((name, design) -> all.put(name, EmittedDesign.of(design)));
    return all;
  }

  static Map<String, Design> designs() {
    Map<String, Design> all = new LinkedHashMap<>();
    for (Path config : configFiles()) {
      all.put(config.getFileName().toString().replaceFirst("\\.json$", ""), design(config));
    }
    return all;
  }

  static List<Path> configFiles() {
    try (Stream<Path> files = Files.list(Repository.root().resolve("configs"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Design design(Path config) {
    try {
      JsonNode root = new ObjectMapper().readTree(config.toFile());
      Map<String, String> parameters = new LinkedHashMap<>();
      root.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
      return Catalog.design(root.get("top").asText(), parameters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
