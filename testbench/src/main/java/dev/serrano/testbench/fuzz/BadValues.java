package dev.serrano.testbench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Values that are not an integer from min to max, each invalid by construction: zero or below the
 * minimum, negative, past the maximum, beyond an int or a long, fractional, not a number, hex, empty,
 * whitespace; for a power of two also a non-power inside the range.
 */
final class BadValues {
  /**
   * One bad value: its text for a flag and its JSON for a file (which a configuration reads as text).
   *
   * @param parsesAsInt whether the text is an int (so the message can say "got N" against the range)
   */
  record BadValue(String kind, String text, JsonNode json, boolean parsesAsInt) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> NOT_NUMBERS = List.of("abc", "eight", "12abc", "1_000", "1,024", "NaN", "--1",
      "\u221e", "1 2");
  private static final List<String> BLANKS = List.of(" ", "  ", "\t");

  private BadValues() {}

  /** A value outside [min, max] (min >= 1) or no integer; with {@code powerOfTwo} also a non-power inside. */
  static BadValue integer(Random random, int min, int max, boolean powerOfTwo) {
    while (true) {
      switch (random.nextInt(powerOfTwo ? 11 : 10)) {
        case 0:
          return number("zero", 0);
        case 1:
          return number("negative", -1 - random.nextInt(100_000));
        case 2:
          return number("past the maximum", max + 1 + (random.nextBoolean() ? 0 : random.nextInt(1000)));
        case 3:
          if (min >= 2) {
            return number("below the minimum", min - 1);
          }
          break;
        case 4: {
          long beyondInt = (long) Integer.MAX_VALUE + 1 + random.nextInt(1 << 30);
          return new BadValue("beyond an int", "" + beyondInt, NODES.numberNode(beyondInt), false);
        }
        case 5: {
          String digits = "9" + new BigInteger(64, random).toString() + random.nextInt(10);
          return new BadValue("beyond a long", digits, NODES.numberNode(new BigInteger(digits)), false);
        }
        case 6: {
          String text = (min + random.nextInt(Math.max(1, max - min))) + ".5";
          return new BadValue("fractional", text, NODES.numberNode(new BigDecimal(text)), false);
        }
        case 7:
          return text("not a number", NOT_NUMBERS.get(random.nextInt(NOT_NUMBERS.size())));
        case 8:
          return text("hex", "0x" + Integer.toHexString(min + random.nextInt(Math.max(1, max - min))));
        case 9:
          return random.nextBoolean() ? text("empty", "") : text("whitespace", BLANKS.get(random.nextInt(BLANKS.size())));
        default: {
          if (max - min >= 3) {
            int value;
            do {
              value = min + 1 + random.nextInt(max - min - 1);
            } while (Integer.bitCount(value) == 1);
            return number("not a power of two", value);
          }
          break;
        }
      }
    }
  }

  private static BadValue number(String kind, int value) {
    return new BadValue(kind, "" + value, NODES.numberNode(value), true);
  }

  private static BadValue text(String kind, String text) {
    return new BadValue(kind, text, NODES.textNode(text), false);
  }
}
