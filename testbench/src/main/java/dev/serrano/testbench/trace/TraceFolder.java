package dev.serrano.testbench.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.hdl.emit.OutputWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A trace on disk: {@code trace.json} (format {@value Trace#FORMAT}, one step per line), the memory
 * images it loads as {@code mem/load-NNNN.hex} (16 bytes per line, two hex digits each, what
 * {@code $readmemh} reads) and a copy of the design's emitted folder in {@code rtl/}. The bytes
 * depend only on the run: no dates, no absolute paths. docs/hardening.md has the format.
 */
public final class TraceFolder {

  public static final String TRACE_FILE = "trace.json";
  public static final String RTL = "rtl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEX_BYTES_PER_LINE = 16;

  /** A trace read back, with the interface JSON of its design. */
  public record Loaded(Trace trace, Path designJson) {}

  private TraceFolder() {}

  /**
   * Writes {@code trace} and a copy of {@code designFolder} into {@code folder} (which must not exist
   * or be empty), through a temporary sibling folder renamed into place when complete.
   */
  public static void write(Trace trace, Path designFolder, Path folder) {
    try {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> entries = Files.list(folder)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("trace folder " + folder + " is not empty; choose a new one");
          }
        }
        Files.delete(folder);
      }
      Path parent = folder.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = OutputWriter.createStagingFolder(parent, "." + folder.getFileName() + ".partial-");
      try {
        writeInto(trace, designFolder, temporary);
        Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace " + folder, e);
    }
  }

  /** Reads the trace in {@code folder}. */
  public static Loaded read(Path folder) {
    Path file = folder.resolve(TRACE_FILE);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new TraceFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String format = root.path("format").asText();
    if (!Trace.FORMAT.equals(format)) {
      throw new TraceFormatException(file + ": format must be " + Trace.FORMAT + ", got \"" + format + "\"");
    }
    List<Trace.Step> steps = new ArrayList<>();
    int index = 0;
    for (JsonNode step : root.path("steps")) {
      steps.add(readStep(step, folder, file + " step " + index++));
    }
    String top = root.path("top").asText();
    return new Loaded(new Trace(top, steps, root.path("cycles").asLong()), folder.resolve(root.path("design").asText()));
  }

  private static void writeInto(Trace trace, Path designFolder, Path folder) throws IOException {
    Path rtl = Files.createDirectory(folder.resolve(RTL));
    try (Stream<Path> files = Files.list(designFolder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.copy(file, rtl.resolve(file.getFileName()));
      }
    }
    Path memory = Files.createDirectory(folder.resolve("mem"));
    StringBuilder text = new StringBuilder();
    text.append("{\n  \"format\": \"").append(Trace.FORMAT).append("\",\n")
        .append("  \"top\": ").append(JSON.writeValueAsString(trace.top())).append(",\n")
        .append("  \"design\": ").append(JSON.writeValueAsString(RTL + "/" + trace.top() + ".json")).append(",\n")
        .append("  \"cycles\": ").append(trace.cycles()).append(",\n")
        .append("  \"steps\": [\n");
    int loads = 0;
    List<Trace.Step> steps = trace.steps();
    for (int i = 0; i < steps.size(); i++) {
      String line;
      if (steps.get(i) instanceof Trace.Load load) {
        String name = String.format("mem/load-%04d.hex", loads++);
        Files.writeString(memory.resolve(name.substring(4)), hex(load.data()));
        line = compact(JSON.createObjectNode().put("load", load.bus()).put("address", hex(load.address()))
            .put("bytes", load.data().length).put("file", name));
      } else {
        line = stepJson(steps.get(i));
      }
      text.append("    ").append(line).append(i + 1 < steps.size() ? ",\n" : "\n");
    }
    text.append("  ]\n}\n");
    Files.writeString(folder.resolve(TRACE_FILE), text.toString());
  }

  private static String stepJson(Trace.Step step) throws JsonProcessingException {
    ObjectNode node = JSON.createObjectNode();
    if (step instanceof Trace.Reset reset) {
      node.put("reset", reset.value());
    } else if (step instanceof Trace.Cycles cycles) {
      node.put("cycles", cycles.count());
    } else if (step instanceof Trace.Configure configure) {
      node.put("configure", configure.bus()).put("setting", configure.setting().jsonName())
          .put("a", hex(configure.a())).put("b", hex(configure.b())).put("c", hex(configure.c()));
    } else if (step instanceof Trace.Run run) {
      node.put("run", run.bus()).put("maxCycles", run.maxCycles());
    } else if (step instanceof Trace.Check check) {
      node.put("check", check.bus()).put("address", hex(check.address())).put("bytes", check.length())
          .put("sha256", check.sha256());
    } else if (step instanceof Trace.Submit submit) {
      StringBuilder text = new StringBuilder("{\"submit\":" + JSON.writeValueAsString(submit.bus())
          + ",\"operations\":[");
      for (int i = 0; i < submit.operations().size(); i++) {
        text.append("\n      ").append(compact(operationJson(submit.operations().get(i))))
            .append(i + 1 < submit.operations().size() ? "," : "");
      }
      return text.append("]}").toString();
    } else {
      throw new IllegalStateException("no JSON for " + step);
    }
    return compact(node);
  }

  private static ObjectNode operationJson(Trace.LiteOperation operation) {
    ObjectNode node = JSON.createObjectNode();
    switch (operation.kind()) {
      case WRITE -> node.put("write", hex(operation.address())).put("data", hex(operation.data()))
          .put("strobes", hex(operation.strobesOrMask()));
      case READ -> node.put("read", hex(operation.address()));
      case POLL -> node.put("poll", hex(operation.address())).put("mask", hex(operation.strobesOrMask()))
          .put("value", hex(operation.data())).put("maxCycles", operation.maxCycles());
    }
    Trace.LiteResult result = operation.expected();
    if (result != null) {
      ObjectNode done = node.putObject("done");
      if (operation.kind() != Trace.LiteOperation.Kind.WRITE) {
        done.put("value", hex(result.value()));
      }
      done.put("response", result.response());
      if (operation.kind() == Trace.LiteOperation.Kind.POLL) {
        done.put("matched", result.matched());
      }
      done.put("cycle", result.cycle());
    }
    return node;
  }

  private static Trace.Step readStep(JsonNode node, Path folder, String where) {
    if (node.has("reset")) {
      return new Trace.Reset(node.get("reset").asLong());
    } else if (node.has("cycles")) {
      return new Trace.Cycles(node.get("cycles").asLong());
    } else if (node.has("configure")) {
      return new Trace.Configure(node.get("configure").asText(), BusSetting.ofJsonName(node.path("setting").asText()),
          number(node, "a", where), number(node, "b", where), number(node, "c", where));
    } else if (node.has("load")) {
      byte[] data = readHex(folder.resolve(node.path("file").asText()), where);
      if (data.length != node.path("bytes").asInt()) {
        throw new TraceFormatException(where + ": " + node.path("file").asText() + " holds " + data.length
            + " bytes, the step says " + node.path("bytes").asInt());
      }
      return new Trace.Load(node.get("load").asText(), number(node, "address", where), data);
    } else if (node.has("run")) {
      return new Trace.Run(node.get("run").asText(), node.path("maxCycles").asLong());
    } else if (node.has("check")) {
      return new Trace.Check(node.get("check").asText(), number(node, "address", where), node.path("bytes").asInt(),
          node.path("sha256").asText());
    } else if (node.has("submit")) {
      List<Trace.LiteOperation> operations = new ArrayList<>();
      for (JsonNode operation : node.path("operations")) {
        operations.add(readOperation(operation, where));
      }
      return new Trace.Submit(node.get("submit").asText(), operations);
    }
    throw new TraceFormatException(where + ": unknown step " + node);
  }

  private static Trace.LiteOperation readOperation(JsonNode node, String where) {
    JsonNode done = node.get("done");
    Trace.LiteResult result = done == null ? null : new Trace.LiteResult(done.has("value") ? number(done, "value", where) : 0,
        done.path("response").asInt(), !done.has("matched") || done.get("matched").asBoolean(), done.path("cycle").asLong());
    if (node.has("write")) {
      return new Trace.LiteOperation(Trace.LiteOperation.Kind.WRITE, number(node, "write", where), number(node, "data", where),
          number(node, "strobes", where), 0, result);
    } else if (node.has("read")) {
      return new Trace.LiteOperation(Trace.LiteOperation.Kind.READ, number(node, "read", where), 0, 0, 0, result);
    } else if (node.has("poll")) {
      return new Trace.LiteOperation(Trace.LiteOperation.Kind.POLL, number(node, "poll", where), number(node, "value", where),
          number(node, "mask", where), node.path("maxCycles").asLong(), result);
    }
    throw new TraceFormatException(where + ": unknown AXI4-Lite operation " + node);
  }

  private static long number(JsonNode node, String field, String where) {
    String text = node.path(field).asText();
    if (!text.startsWith("0x")) {
      throw new TraceFormatException(where + ": \"" + field + "\" must be a hex string such as \"0x1c\", got " + node.get(field));
    }
    return Long.parseUnsignedLong(text.substring(2), 16);
  }

  /** {@code bytes} as lines of 16 two-digit hex values (what $readmemh reads into a byte array). */
  static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (int i = 0; i < bytes.length; i++) {
      text.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16))
          .append((i + 1) % HEX_BYTES_PER_LINE == 0 || i + 1 == bytes.length ? '\n' : ' ');
    }
    return text.toString();
  }

  static byte[] readHex(Path file, String where) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TraceFormatException(where + ": cannot read " + file, e);
    }
    String[] tokens = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
    byte[] bytes = new byte[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      bytes[i] = (byte) Integer.parseInt(tokens[i], 16);
    }
    return bytes;
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  private static String compact(ObjectNode node) throws JsonProcessingException {
    return JSON.writeValueAsString(node);
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
