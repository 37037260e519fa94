package dev.serrano.hdl.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What to generate: a top name and its parameters, from a JSON configuration file
 * ({@code {"top": "fifo", "parameters": {"width": 8, "depth": 16}}}) and/or flags; flags win.
 */
record GenerationRequest(String top, Map<String, String> parameters) {
  private static final Set<String> KEYS = Set.of("top", "parameters");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static GenerationRequest resolve(Path config, String topFlag, Map<String, String> parameterFlags) {
    String top = null;
    Map<String, String> parameters = new LinkedHashMap<>();
    if (config != null) {
      JsonNode root = read(config);
      if (!root.isObject()) {
        throw new UsageException(config + ": the configuration must be a JSON object with \"top\" and \"parameters\"");
      }
      for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KEYS.contains(name)) {
          throw new UsageException(config + ": unknown key \"" + name + "\" (allowed: top, parameters)");
        }
      }
      JsonNode topNode = root.get("top");
      if (topNode != null) {
        if (!topNode.isTextual()) {
          throw new UsageException(config + ": \"top\" must be a string");
        }
        top = topNode.asText();
      }
      JsonNode params = root.get("parameters");
      if (params != null) {
        if (!params.isObject()) {
          throw new UsageException(config + ": \"parameters\" must be an object of name: value");
        }
        params.fields().forEachRemaining(e -> {
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw new UsageException(config + ": parameter \"" + e.getKey() + "\" must be a number or a string");
          }
          parameters.put(e.getKey(), e.getValue().asText());
        });
      }
    }
    if (topFlag != null) {
      top = topFlag;
    }
    if (top == null) {
      throw new UsageException("no top given: pass --top NAME or a --config file with \"top\" (see serrano list)");
    }
    parameters.putAll(parameterFlags);
    return new GenerationRequest(top, parameters);
  }

  private static JsonNode read(Path config) {
    try {
      // Bytes, not a String: the parser names the line and column of a byte that is not UTF-8.
      JsonNode node = MAPPER.readTree(Files.readAllBytes(config));
      if (node == null || node.isMissingNode()) {
        throw new UsageException(config + ": the configuration file is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new UsageException(config + where + ": malformed JSON: " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      throw new UsageException(config + ": no such configuration file");
    } catch (IOException e) {
      throw new UsageException(config + ": cannot read the configuration file: " + e.getMessage());
    }
  }
}
