package dev.serrano.hdl.lib.csr;

import dev.serrano.hdl.lib.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one description of a block's registers and commands, from which {@link CsrBlock} builds the
 * AXI4-Lite slave and {@link RegisterFiles} writes the C header, the Markdown table and the
 * interface JSON section the Java host driver reads. Immutable; {@link #builder} validates
 * everything at {@link Builder#build()} and names the offending register and field.
 *
 * <p>Registers are 32 bits at word-aligned byte offsets, allocated in declaration order (the next
 * free word after the previous register) unless {@link Builder#at} gives one. The kinds:
 * <ul>
 *   <li>{@link Kind#CONFIG}: read-write; the hardware sees the value on an output per field. A
 *       shadowed one holds two copies: software writes and reads the shadow, the hardware uses the
 *       active copy, and the block's {@code commit} input copies every shadow to its active copy.
 *   <li>{@link Kind#STATUS}: read-only, the value of an input per field, sampled when read.
 *   <li>{@link Kind#COUNTER_LO} / {@link Kind#COUNTER_HI}: a 64-bit hardware counter (an input) read
 *       as two words; reading LO returns the low half and latches the high half, which a later read
 *       of HI returns, so LO then HI is one coherent 64-bit value while the counter runs.
 *   <li>{@link Kind#FLAGS}: sticky bits set by hardware pulses (an input per field, named
 *       {@code <register>_<field>_set}), cleared by writing 1 (write-1-to-clear).
 *   <li>{@link Kind#INTERRUPT_ENABLE}: read-write, the fields of one FLAGS register; the block's
 *       {@code irq} is high while any flag is set whose enable bit is set.
 *   <li>{@link Kind#COMMAND_WORD}: write-only words of a command; writing the last word pushes the
 *       whole command (every word) as one entry into a FIFO that the hardware pops.
 *   <li>{@link Kind#CONSTANT}: read-only, the fields' reset values (identification, version,
 *       configuration readback).
 * </ul>
 */
public final class RegisterMap {

  /** What a register is; {@link #access} is the short form used in documentation. */
  public enum Kind {
    CONFIG("RW"), STATUS("RO"), COUNTER_LO("RO"), COUNTER_HI("RO"), FLAGS("W1C"), INTERRUPT_ENABLE("RW"),
    COMMAND_WORD("WO"), CONSTANT("RO");

    private final String access;

    Kind(String access) {
      this.access = access;
    }

    public String access() {
      return access;
    }

    /** The name used in the interface JSON and the Markdown table ({@code counter_lo}). */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean readable() {
      return this != COMMAND_WORD;
    }
  }

  /** A named value of a field (an enumeration), documented in the header and the table. */
  public record EnumValue(String name, long value, String description) {}

  /**
   * Bits {@code msb..lsb} of a register.
   *
   * @param reset the value after reset (CONFIG, INTERRUPT_ENABLE), or the constant (CONSTANT)
   */
  public record Field(String name, int msb, int lsb, long reset, String description, List<EnumValue> values) {
    public Field {
      values = List.copyOf(values);
    }

    public static Field of(String name, int msb, int lsb, String description) {
      return new Field(name, msb, lsb, 0, description, List.of());
    }

    /** A one-bit field. */
    public static Field bit(String name, int bit, String description) {
      return of(name, bit, bit, description);
    }

    public Field withReset(long value) {
      return new Field(name, msb, lsb, value, description, values);
    }

    public Field withValues(EnumValue... enumValues) {
      return new Field(name, msb, lsb, reset, description, List.of(enumValues));
    }

    public int width() {
      return msb - lsb + 1;
    }

    /** The field's bits in its register. */
    public long mask() {
      return ((1L << width()) - 1) << lsb;
    }
  }

  /**
   * One 32-bit register.
   *
   * @param owner the counter or command it is part of, or the FLAGS register it enables; empty otherwise
   * @param word the index of a command word within its command (0 for other kinds)
   */
  public record Register(String name, long offset, Kind kind, boolean shadowed, String description,
      List<Field> fields, String owner, int word) {
    public Register {
      fields = List.copyOf(fields);
    }

    /** The register's value after reset: the fields' reset values in place. */
    public long resetValue() {
      long value = 0;
      for (Field field : fields) {
        value |= field.reset() << field.lsb();
      }
      return value & 0xffff_ffffL;
    }

    /** Bits belonging to some field. */
    public long definedBits() {
      return fields.stream().mapToLong(Field::mask).reduce(0, (a, b) -> a | b);
    }
  }

  /** A command of {@code words} words pushed into a FIFO of {@code depth} entries. */
  public record Command(String name, int words, int depth, String description) {}

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final String name;
  private final String description;
  private final List<Register> registers;
  private final List<Command> commands;

  private RegisterMap(String name, String description, List<Register> registers, List<Command> commands) {
    this.name = name;
    this.description = description;
    this.registers = List.copyOf(registers);
    this.commands = List.copyOf(commands);
  }

  /** @param name a lower-case identifier: the prefix of the C macros, e.g. {@code csr_demo} */
  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** Every register, in offset order. */
  public List<Register> registers() {
    return registers;
  }

  public List<Command> commands() {
    return commands;
  }

  public Optional<Register> register(String registerName) {
    return registers.stream().filter(r -> r.name().equals(registerName)).findFirst();
  }

  /** Byte offset just past the last register. */
  public long size() {
    return registers.isEmpty() ? 0 : registers.get(registers.size() - 1).offset() + 4;
  }

  public List<Register> ofKind(Kind kind) {
    return registers.stream().filter(r -> r.kind() == kind).toList();
  }

  public boolean hasShadowed() {
    return registers.stream().anyMatch(Register::shadowed);
  }

  /** Collects registers in declaration order; {@link #build} validates and sorts them by offset. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final List<Register> registers = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private Long nextOffset;  // set by at(), used by the next register
    private long allocated;   // the next free offset in declaration order

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    /** Places the next register at byte {@code offset} (word-aligned); later ones follow it. */
    public Builder at(long offset) {
      nextOffset = offset;
      return this;
    }

    public Builder config(String registerName, String text, Field... fields) {
      return add(registerName, Kind.CONFIG, false, text, List.of(fields), "", 0);
    }

    /** A double-buffered configuration register: software writes the shadow, {@code commit} activates it. */
    public Builder shadowedConfig(String registerName, String text, Field... fields) {
      return add(registerName, Kind.CONFIG, true, text, List.of(fields), "", 0);
    }

    public Builder status(String registerName, String text, Field... fields) {
      return add(registerName, Kind.STATUS, false, text, List.of(fields), "", 0);
    }

    public Builder constant(String registerName, String text, Field... fields) {
      return add(registerName, Kind.CONSTANT, false, text, List.of(fields), "", 0);
    }

    /** Sticky write-1-to-clear flags, each set by a pulse on {@code <register>_<field>_set}. */
    public Builder flags(String registerName, String text, Field... fields) {
      return add(registerName, Kind.FLAGS, false, text, List.of(fields), "", 0);
    }

    /** The interrupt enables of FLAGS register {@code flagsRegister}: the same fields, reset to 0. */
    public Builder interruptEnable(String registerName, String flagsRegister, String text) {
      Register flags = registers.stream().filter(r -> r.name().equals(flagsRegister)).findFirst()
          .orElseThrow(() -> new ConfigException("register map " + name + ": interrupt enable " + registerName
              + " names " + flagsRegister + ", which is not a flags register declared before it"));
      if (flags.kind() != Kind.FLAGS) {
        throw new ConfigException("register map " + name + ": interrupt enable " + registerName + " names "
            + flagsRegister + ", a " + flags.kind().jsonName() + " register, not a flags register");
      }
      List<Field> enables = flags.fields().stream()
          .map(f -> new Field(f.name(), f.msb(), f.lsb(), 0, "interrupt on " + f.name(), List.of())).toList();
      return add(registerName, Kind.INTERRUPT_ENABLE, false, text, enables, flagsRegister, 0);
    }

    /**
     * A 64-bit hardware counter (input {@code <counter>}) as registers {@code <counter>_lo} and
     * {@code <counter>_hi}; reading LO latches HI.
     */
    public Builder counter64(String counterName, String text) {
      add(counterName + "_lo", Kind.COUNTER_LO, false, text + " (bits 31:0; reading latches bits 63:32)",
          List.of(Field.of("value", 31, 0, "bits 31:0")), counterName, 0);
      return add(counterName + "_hi", Kind.COUNTER_HI, false, text + " (bits 63:32 latched by reading "
          + counterName + "_lo)", List.of(Field.of("value", 31, 0, "bits 63:32")), counterName, 0);
    }

    /**
     * A command of {@code wordFields.size()} words (registers {@code <command>_word<i>}), pushed
     * into a FIFO of {@code depth} entries when the last word is written; each word's fields
     * document it (none: one 32-bit field {@code value}).
     */
    public Builder command(String commandName, int depth, String text, List<List<Field>> wordFields) {
      ConfigException.requireRange("command " + commandName + " words", wordFields.size(), 1, 16);
      ConfigException.requirePowerOfTwo("command " + commandName + " depth", depth, 2, 4096);
      commands.add(new Command(commandName, wordFields.size(), depth, text));
      for (int i = 0; i < wordFields.size(); i++) {
        List<Field> fields = wordFields.get(i).isEmpty()
            ? List.of(Field.of("value", 31, 0, "word " + i)) : wordFields.get(i);
        String role = i == wordFields.size() - 1 ? "; writing it pushes the command" : "";
        add(commandName + "_word" + i, Kind.COMMAND_WORD, false, text + " (word " + i + " of "
            + wordFields.size() + role + ")", fields, commandName, i);
      }
      return this;
    }

    private Builder add(String registerName, Kind kind, boolean shadowed, String text, List<Field> fields,
        String owner, int word) {
      long offset = nextOffset != null ? nextOffset : allocated;
      nextOffset = null;
      allocated = offset + 4;
      registers.add(new Register(registerName, offset, kind, shadowed, text, fields, owner, word));
      return this;
    }

    /** Validates the map: every problem is a {@link ConfigException} naming the register and field. */
    public RegisterMap build() {
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException("register map name \"" + name + "\" must be a lower-case identifier");
      }
      if (registers.isEmpty()) {
        throw new ConfigException("register map " + name + " has no registers");
      }
      Set<String> names = new HashSet<>();
      Map<Long, String> byOffset = new HashMap<>();
      for (Register r : registers) {
        String where = "register map " + name + ", register " + r.name();
        if (!NAME.matcher(r.name()).matches()) {
          throw new ConfigException(where + ": the name must be a lower-case identifier ([a-z][a-z0-9_]*)");
        }
        if (!names.add(r.name())) {
          throw new ConfigException(where + ": two registers are named " + r.name());
        }
        if (r.offset() < 0 || r.offset() % 4 != 0) {
          throw new ConfigException(where + ": offset 0x" + Long.toHexString(r.offset())
              + " is not a non-negative multiple of 4");
        }
        String other = byOffset.putIfAbsent(r.offset(), r.name());
        if (other != null) {
          throw new ConfigException(where + ": offset 0x" + Long.toHexString(r.offset()) + " overlaps register "
              + other);
        }
        validateFields(r, where);
      }
      Set<String> commandNames = new HashSet<>();
      for (Command c : commands) {
        if (names.contains(c.name()) || !commandNames.add(c.name())) {
          throw new ConfigException("register map " + name + ": command " + c.name()
              + " has the name of a register or of another command");
        }
      }
      List<Register> sorted = new ArrayList<>(registers);
      sorted.sort(Comparator.comparingLong(Register::offset));
      return new RegisterMap(name, description, sorted, commands);
    }

    private static void validateFields(Register r, String where) {
      if (r.fields().isEmpty()) {
        throw new ConfigException(where + ": a register needs at least one field");
      }
      Set<String> fieldNames = new HashSet<>();
      long used = 0;
      for (Field f : r.fields()) {
        String at = where + ", field " + f.name();
        if (!NAME.matcher(f.name()).matches()) {
          throw new ConfigException(at + ": the name must be a lower-case identifier");
        }
        if (!fieldNames.add(f.name())) {
          throw new ConfigException(at + ": two fields are named " + f.name());
        }
        if (f.lsb() < 0 || f.msb() > 31 || f.msb() < f.lsb()) {
          throw new ConfigException(at + ": bits " + f.msb() + ":" + f.lsb()
              + " are outside the 32-bit register (need 31 >= msb >= lsb >= 0)");
        }
        if ((used & f.mask()) != 0) {
          throw new ConfigException(at + ": bits " + f.msb() + ":" + f.lsb() + " overlap another field");
        }
        used |= f.mask();
        long limit = (1L << f.width()) - 1;
        if (f.reset() < 0 || f.reset() > limit) {
          throw new ConfigException(at + ": reset value " + f.reset() + " does not fit " + f.width() + " bits");
        }
        Set<String> valueNames = new HashSet<>();
        for (EnumValue v : f.values()) {
          if (!NAME.matcher(v.name()).matches() || !valueNames.add(v.name())) {
            throw new ConfigException(at + ": enum value name \"" + v.name() + "\" is not a unique lower-case identifier");
          }
          if (v.value() < 0 || v.value() > limit) {
            throw new ConfigException(at + ": enum value " + v.name() + " = " + v.value() + " does not fit "
                + f.width() + " bits");
          }
        }
      }
    }
  }
}
