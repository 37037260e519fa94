package dev.serrano.testbench.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutations of a JSON document's text that make it malformed by construction, each with the line the
 * parser must report: truncation before the closing brace, a control byte (illegal in and between
 * tokens), a byte that cannot start a UTF-8 character, content after the document, a key given twice.
 */
final class JsonText {
  /** The mutated bytes, the kind of mutation and the line of the error. */
  record Malformed(String kind, byte[] bytes, int line, String duplicateKey) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Control bytes but tab, line feed and carriage return, which are whitespace between tokens. */
  private static final byte[] CONTROL_BYTES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      24, 25, 26, 27, 28, 29, 30, 31};
  private static final List<String> TRAILING = List.of("x", "}", "{}", "]", "1", "null", "{\"top\": \"fifo\"}", ",",
      "\"more\"");
  /** A member on one line whose value is a scalar or a one-line array. */
  private static final Pattern MEMBER = Pattern.compile("(?m)^( *)\"([^\"]+)\" : ([^\\n{]*?[^\\n{\\[,])(,?)$");

  private JsonText() {}

  /** The document as the pretty printer writes it: one member per line, so lines locate errors. */
  static String render(JsonNode document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always renders", e);
    }
  }

  /** One of the mutations, drawn at random; {@code text} is a rendered object (it ends with its closing brace). */
  static Malformed malformed(Random random, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(5)) {
      case 0: {
        int end = 1 + random.nextInt(bytes.length - 1);
        return new Malformed("truncated", java.util.Arrays.copyOf(bytes, end), lineOf(bytes, end), null);
      }
      case 1: {
        int at = random.nextInt(bytes.length);
        bytes[at] = CONTROL_BYTES[random.nextInt(CONTROL_BYTES.length)];
        return new Malformed("control byte", bytes, lineOf(bytes, at), null);
      }
      case 2: {
        int at = random.nextInt(bytes.length);
        // 0x80..0xBF continue a character, 0xF8..0xFF are never UTF-8: neither can start one.
        bytes[at] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x40) : 0xF8 + random.nextInt(8));
        return new Malformed("byte not UTF-8", bytes, lineOf(bytes, at), null);
      }
      case 3: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes);
        out.writeBytes(("\n" + TRAILING.get(random.nextInt(TRAILING.size()))).getBytes(StandardCharsets.UTF_8));
        return new Malformed("content after the document", out.toByteArray(), lineOf(bytes, bytes.length) + 1, null);
      }
      default:
        return duplicateKey(random, text);
    }
  }

  /** A member copied in front of itself: the key's second occurrence is the original line. */
  private static Malformed duplicateKey(Random random, String text) {
    Matcher members = MEMBER.matcher(text);
    List<MatchResult> found = new ArrayList<>();
    while (members.find()) {
      found.add(new MatchResult(members.start(), members.group(1), members.group(2), members.group(3)));
    }
    MatchResult member = found.get(random.nextInt(found.size()));
    String copy = member.indent() + "\"" + member.key() + "\" : " + member.value() + ",\n";
    String mutated = text.substring(0, member.start()) + copy + text.substring(member.start());
    byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
    int originalLine = lineOf(bytes, member.start()) + 1;
    return new Malformed("duplicate key", bytes, originalLine, member.key());
  }

  private record MatchResult(int start, String indent, String key, String value) {}

  /** The line (from 1) of byte {@code offset}, or of the end when it is the length. */
  static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
