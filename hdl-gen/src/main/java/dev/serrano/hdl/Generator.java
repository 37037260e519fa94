package dev.serrano.hdl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The generator's name and version, as written into every emitted file; every layer may name it. */
public final class Generator {
  public static final String NAME = "serrano-hdl-gen";
  public static final String VERSION = readVersion();

  private Generator() {}

  public static String nameAndVersion() {
    return NAME + " " + VERSION;
  }

  private static String readVersion() {
    try (InputStream in = Generator.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
