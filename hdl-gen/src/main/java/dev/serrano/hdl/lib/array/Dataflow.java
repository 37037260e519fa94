package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.lib.ConfigException;
import java.util.Locale;

/**
 * Which operand stays in the PEs: weights (WS: the array holds a K x N weight tile, inputs stream
 * through, partial sums flow south), outputs (OS: each PE accumulates one output over the whole
 * K dimension), or both in one build, selected at run time by the {@code mode_os} input.
 */
public enum Dataflow {
  WS, OS, BOTH;

  public static final String ALLOWED = "ws, os, both";

  public boolean supportsWs() {
    return this != OS;
  }

  public boolean supportsOs() {
    return this != WS;
  }

  public static Dataflow parse(String parameter, String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(parameter + " must be one of " + ALLOWED + ", got \"" + text + "\"");
    }
  }

  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
