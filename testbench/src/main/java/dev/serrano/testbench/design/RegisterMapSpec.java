package dev.serrano.testbench.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The register map of a design as the interface JSON lists it ("registers", written by hdl-gen from
 * the same description as the Verilog, the C header and the Markdown table), so a Java host driver
 * addresses registers and fields by name: {@code map.offset("ctrl")},
 * {@code map.insert("ctrl", "mode", word, 2)}. Unknown names fail with the known ones listed.
 */
public final class RegisterMapSpec {

  /** A named value of a field. */
  public record EnumValue(String name, long value, String description) {}

  /** Bits {@code msb..lsb} of a register. */
  public record FieldSpec(String name, int msb, int lsb, long reset, String description, List<EnumValue> values) {
    public FieldSpec {
      values = List.copyOf(values);
    }

    public long mask() {
      return ((1L << (msb - lsb + 1)) - 1) << lsb;
    }

    /** The field's value in register value {@code word}. */
    public long extract(long word) {
      return (word & mask()) >>> lsb;
    }

    /** {@code word} with this field replaced by {@code value} (which must fit). */
    public long insert(long word, long value) {
      if (value < 0 || (value << lsb & ~mask()) != 0 || value >>> (msb - lsb + 1) != 0) {
        throw new IllegalArgumentException("field " + name + " [" + msb + ":" + lsb + "]: value " + value
            + " does not fit " + (msb - lsb + 1) + " bits");
      }
      return (word & ~mask()) | value << lsb;
    }

    /** The value named {@code valueName}. */
    public long value(String valueName) {
      return values.stream().filter(v -> v.name().equals(valueName)).findFirst().map(EnumValue::value)
          .orElseThrow(() -> new IllegalArgumentException("field " + name + " has no value \"" + valueName
              + "\"; its values are " + values.stream().map(EnumValue::name).toList()));
    }
  }

  /**
   * One 32-bit register.
   *
   * @param kind config, status, counter_lo, counter_hi, flags, interrupt_enable, command_word, constant
   * @param access RW, RO, W1C or WO
   * @param owner the counter or command it belongs to, or the flags register it enables ("" if none)
   */
  public record RegisterSpec(String name, long offset, String kind, String access, boolean shadowed, long reset,
      String owner, int word, String description, List<FieldSpec> fields) {
    public RegisterSpec {
      fields = List.copyOf(fields);
    }

    public FieldSpec field(String fieldName) {
      return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("register " + name + " has no field \"" + fieldName
              + "\"; its fields are " + fields.stream().map(FieldSpec::name).toList()));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, RegisterSpec> registers;

  private RegisterMapSpec(List<RegisterSpec> registers) {
    Map<String, RegisterSpec> byName = new LinkedHashMap<>();
    for (RegisterSpec r : registers) {
      if (byName.put(r.name(), r) != null) {
        throw new InterfaceFormatException("register map: two registers are named " + r.name());
      }
    }
    this.registers = byName;
  }

  /** Reads the "registers" section of an interface JSON file (an empty map when absent). */
  public static RegisterMapSpec read(Path jsonFile) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(jsonFile));
    } catch (IOException e) {
      throw new InterfaceFormatException("cannot read interface JSON " + jsonFile + ": " + e.getMessage(), e);
    }
    JsonNode node = root.get("registers");
    List<RegisterSpec> registers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return new RegisterMapSpec(registers);
    }
    if (!node.isArray()) {
      throw new InterfaceFormatException(jsonFile + ": \"registers\" must be an array");
    }
    for (JsonNode r : node) {
      List<FieldSpec> fields = new ArrayList<>();
      for (JsonNode f : r.path("fields")) {
        List<EnumValue> values = new ArrayList<>();
        for (JsonNode v : f.path("values")) {
          values.add(new EnumValue(v.path("name").asText(), v.path("value").asLong(), v.path("description").asText()));
        }
        fields.add(new FieldSpec(f.path("name").asText(), f.path("msb").asInt(), f.path("lsb").asInt(),
            f.path("reset").asLong(), f.path("description").asText(), values));
      }
      registers.add(new RegisterSpec(r.path("name").asText(), r.path("offset").asLong(), r.path("kind").asText(),
          r.path("access").asText(), r.path("shadowed").asBoolean(), r.path("reset").asLong(),
          r.path("owner").asText(), r.path("word").asInt(), r.path("description").asText(), fields));
    }
    return new RegisterMapSpec(registers);
  }

  /** Every register, in offset order. */
  public List<RegisterSpec> registers() {
    return List.copyOf(registers.values());
  }

  public boolean isEmpty() {
    return registers.isEmpty();
  }

  public RegisterSpec register(String name) {
    RegisterSpec r = registers.get(name);
    if (r == null) {
      throw new IllegalArgumentException("the register map has no register \"" + name + "\"; its registers are "
          + String.join(", ", registers.keySet()));
    }
    return r;
  }

  public long offset(String name) {
    return register(name).offset();
  }

  public FieldSpec field(String register, String field) {
    return register(register).field(field);
  }

  /** The command words of {@code command} in word order. */
  public List<RegisterSpec> commandWords(String command) {
    List<RegisterSpec> words = registers.values().stream()
        .filter(r -> r.kind().equals("command_word") && r.owner().equals(command)).toList();
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the register map has no command \"" + command + "\"");
    }
    return words;
  }
}
