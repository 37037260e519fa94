package dev.serrano.hdl.emit;

import dev.serrano.hdl.Generator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.hdl.ir.Attachment;
import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Parameter;
import dev.serrano.hdl.ir.Port;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The top's interface as data ({@code <top>.json}, format {@value #FORMAT}): ports with direction,
 * width and signedness, the clock and reset, the generation parameters, the memories of the
 * hierarchy (instance path, word width, depth), the bus ports (protocol, role, widths; the
 * signals follow from the protocol, named {@code <bus>_<signal>}) and the file list. The
 * test bench builds its simulation from it. Sections attached to the top ({@code "registers"} of a
 * register map) follow the memories, in the order attached. Readers ignore keys
 * they do not know.
 */
public final class InterfaceJson {
  public static final String FORMAT = "serrano-interface/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private InterfaceJson() {}

  /**
   * Every memory in the hierarchy, depth first in instance order, with its instance path from the
   * top ({@code storage}, {@code u_bank0.storage}), so that a simulator can reach it.
   */
  private static void addMemories(Module module, String prefix, ArrayNode out) {
    for (Memory m : module.memories()) {
      ObjectNode memory = out.addObject();
      memory.put("path", prefix + m.name());
      memory.put("module", module.name());
      memory.put("name", m.name());
      memory.put("width", m.word().width());
      memory.put("depth", m.depth());
    }
    for (Instance instance : module.instances()) {
      addMemories(instance.module(), prefix + instance.name() + ".", out);
    }
  }

  private static JsonNode parse(Attachment.InterfaceSection section) {
    try {
      return MAPPER.readTree(section.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("interface JSON section " + section.key() + " is not valid JSON", e);
    }
  }

  public static String emit(Design design, List<String> files) {
    Module top = design.top();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("top", top.name());
    root.put("generator", Generator.nameAndVersion());
    root.put("source", top.sourceClass());
    ObjectNode parameters = root.putObject("parameters");
    for (Parameter p : top.parameters()) {
      parameters.put(p.name(), p.value());
    }
    top.clockDomain().ifPresentOrElse(d -> {
      root.put("clock", d.clock());
      if (d.reset().isPresent()) {
        ObjectNode reset = root.putObject("reset");
        reset.put("port", d.reset().get());
        reset.put("activeLow", d.resetStyle().activeLow());
        reset.put("synchronous", d.resetStyle().synchronous());
      } else {
        root.putNull("reset");
      }
    }, () -> {
      root.putNull("clock");
      root.putNull("reset");
    });
    ArrayNode ports = root.putArray("ports");
    for (Port p : top.ports()) {
      ObjectNode port = ports.addObject();
      port.put("name", p.name());
      port.put("direction", p.direction().verilog());
      port.put("width", p.type().width());
      port.put("signed", p.type().signed());
      port.put("group", p.group());
    }
    ArrayNode buses = root.putArray("buses");
    for (BusInterface b : top.buses()) {
      ObjectNode bus = buses.addObject();
      bus.put("name", b.name());
      bus.put("protocol", b.protocol().jsonName());
      bus.put("role", b.master() ? "master" : "slave");
      bus.put("dataWidth", b.dataWidth());
      bus.put("addressWidth", b.addressWidth());
      bus.put("idWidth", b.idWidth());
    }
    ArrayNode memories = root.putArray("memories");
    addMemories(top, "", memories);
    for (Attachment attachment : top.attachments()) {
      if (attachment instanceof Attachment.InterfaceSection section) {
        root.set(section.key(), parse(section));
      }
    }
    ArrayNode fileList = root.putArray("files");
    files.forEach(fileList::add);
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
