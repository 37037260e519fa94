package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.lib.ElementType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One checked configuration: a catalog top, its text parameters and the seed of everything random
 * in its run (operands, shapes, stalls). The text form {@code top k=v ... seed=S} names the case
 * completely; {@code scripts/fuzz --replay "<text>"} runs it again, alone.
 *
 * @param top {@code accelerator} or {@code pe_array}
 * @param parameters in the order they print
 * @param seed the run's seed
 */
public record FuzzCase(String top, Map<String, String> parameters, long seed) {
  public static final String ACCELERATOR = "accelerator";
  public static final String PE_ARRAY = "pe_array";

  public FuzzCase {
    if (!top.equals(ACCELERATOR) && !top.equals(PE_ARRAY)) {
      throw new IllegalArgumentException("top must be " + ACCELERATOR + " or " + PE_ARRAY + ", got \"" + top + "\"");
    }
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Parses the text form {@code top k=v ... seed=S} (the seed last or anywhere, exactly once). */
  public static FuzzCase parse(String text) {
    String[] words = text.trim().split("\\s+");
    Map<String, String> parameters = new LinkedHashMap<>();
    Long seed = null;
    for (int i = 1; i < words.length; i++) {
      int equals = words[i].indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("a case is \"top key=value ... seed=S\", got \"" + words[i] + "\" in \""
            + text + "\"");
      }
      String key = words[i].substring(0, equals);
      String value = words[i].substring(equals + 1);
      if (key.equals("seed")) {
        try {
          seed = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("seed must be a 64-bit integer, got \"" + value + "\"");
        }
      } else {
        parameters.put(key, value);
      }
    }
    if (seed == null) {
      throw new IllegalArgumentException("a case needs seed=S, got \"" + text + "\"");
    }
    return new FuzzCase(words[0], parameters, seed);
  }

  /** {@code top k=v ... seed=S}, what {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(top);
    parameters.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
    return text.append(" seed=").append(seed).toString();
  }

  /** The one command that runs this case again. */
  public String replayCommand() {
    return "scripts/fuzz --replay \"" + this + "\"";
  }

  /** An accelerator's {@code input} or {@code weight} element type, or s8 (the catalog's default) if left out. */
  public ElementType elementType(String parameter) {
    return ElementType.parse(parameter, parameters.getOrDefault(parameter, "s8"));
  }

  /** An integer parameter, or {@code defaultValue} (the catalog's default) when the case leaves it out. */
  public int integer(String parameter, int defaultValue) {
    String value = parameters.get(parameter);
    return value == null ? defaultValue : Integer.parseInt(value);
  }
}
