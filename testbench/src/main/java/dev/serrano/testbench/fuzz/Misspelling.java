package dev.serrano.testbench.fuzz;

import java.util.List;
import java.util.Random;

/** A name changed by one typing slip (case, a letter dropped, doubled or swapped, a suffix) into none of the known names. */
final class Misspelling {
  private Misspelling() {}

  static String of(Random random, String name, List<String> known) {
    while (true) {
      int at = random.nextInt(name.length());
      String slipped = switch (random.nextInt(5)) {
        case 0 -> name.substring(0, at) + flipCase(name.charAt(at)) + name.substring(at + 1);
        case 1 -> name.substring(0, at) + name.substring(at + 1);
        case 2 -> name.substring(0, at + 1) + name.substring(at);
        case 3 -> at + 1 < name.length()
            ? name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2) : name + "s";
        default -> name + "s";
      };
      if (!slipped.isEmpty() && !known.contains(slipped)) {
        return slipped;
      }
    }
  }

  private static char flipCase(char c) {
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
  }
}
