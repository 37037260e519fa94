package dev.serrano.hdl.lib;

/** An invalid configuration value; the message names the parameter and the allowed range. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  /** Throws unless {@code min <= value <= max}. */
  public static void requireRange(String parameter, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(parameter + " must be from " + min + " to " + max + ", got " + value);
    }
  }

  /** Throws unless {@code value} is a power of two within {@code min..max}. */
  public static void requirePowerOfTwo(String parameter, long value, long min, long max) {
    if (value < min || value > max || Long.bitCount(value) != 1) {
      throw new ConfigException(
          parameter + " must be a power of two from " + min + " to " + max + ", got " + value);
    }
  }
}
