package dev.serrano.hdl.lib;

import dev.serrano.hdl.ir.Type;
import java.util.Locale;

/** An integer element type of the PE array: int4, int8 or int16, signed or unsigned. */
public record ElementType(int width, boolean signed) {
  public static final ElementType INT8 = new ElementType(8, true);
  public static final String ALLOWED = "s4, s8, s16, u4, u8, u16 (or int8, uint8, ...)";

  public ElementType {
    if (width != 4 && width != 8 && width != 16) {
      throw new ConfigException("element type width must be 4, 8 or 16, got " + width);
    }
  }

  /** Parses {@code s8}, {@code u16}, {@code int8} or {@code uint4}. */
  public static ElementType parse(String parameter, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    boolean signed;
    String digits;
    if (t.startsWith("uint")) {
      signed = false;
      digits = t.substring(4);
    } else if (t.startsWith("int")) {
      signed = true;
      digits = t.substring(3);
    } else if (t.startsWith("s") || t.startsWith("u")) {
      signed = t.startsWith("s");
      digits = t.substring(1);
    } else {
      throw new ConfigException(parameter + " must be one of " + ALLOWED + ", got \"" + text + "\"");
    }
    if (!digits.equals("4") && !digits.equals("8") && !digits.equals("16")) {
      throw new ConfigException(parameter + " must be one of " + ALLOWED + ", got \"" + text + "\"");
    }
    return new ElementType(Integer.parseInt(digits), signed);
  }

  public Type type() {
    return new Type(width, signed);
  }

  /** Short name used in module names: {@code s8}, {@code u16}. */
  @Override
  public String toString() {
    return (signed ? "s" : "u") + width;
  }
}
