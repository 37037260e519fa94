package dev.serrano.hdl.lib;

import dev.serrano.hdl.ir.ResetStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a top's parameters from text values (flags or JSON), with defaults, and rejects unknown
 * names. Every error names the parameter and what is allowed.
 */
public final class Parameters {
  private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]+");
  private final String top;
  private final Map<String, String> values;
  private final Set<String> known = new LinkedHashSet<>();

  Parameters(String top, Map<String, String> values) {
    this.top = top;
    this.values = new TreeMap<>(values);
  }

  int integer(String name, int defaultValue, String allowed) {
    known.add(name);
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    // Plain ASCII digits only: parseInt also takes a leading '+' and other scripts' digits ("+4", "\u0664").
    String digits = text.trim();
    if (!ASCII_INTEGER.matcher(digits).matches()) {
      throw new ConfigException(name + " must be an integer " + allowed + ", got \"" + text + "\"");
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer " + allowed + ", got \"" + text + "\"");
    }
  }

  boolean bool(String name, boolean defaultValue) {
    known.add(name);
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name + " must be true or false, got \"" + text + "\"");
    };
  }

  /** A text parameter, parsed by {@code parser} (which throws a ConfigException naming the range). */
  <T> T parsed(String name, T defaultValue, java.util.function.BiFunction<String, String, T> parser) {
    known.add(name);
    String text = values.get(name);
    return text == null ? defaultValue : parser.apply(name, text);
  }

  ElementType elementType(String name, ElementType defaultValue) {
    return parsed(name, defaultValue, ElementType::parse);
  }

  ResetStyle reset(String name) {
    return parsed(name, ResetStyle.SYNC_ACTIVE_HIGH, Resets::parse);
  }

  /** Call after reading every parameter. */
  void rejectUnknown() {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new ConfigException("unknown parameter \"" + name + "\" for top " + top + " (known: "
            + String.join(", ", List.copyOf(known)) + ")");
      }
    }
  }
}
