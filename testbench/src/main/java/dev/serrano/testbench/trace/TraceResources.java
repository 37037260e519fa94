package dev.serrano.testbench.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files shipped in this package's resources (the Icarus bench's Verilog, the C replayer). */
final class TraceResources {
  private TraceResources() {}

  static String text(String name) {
    try (InputStream in = TraceResources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/serrano/testbench/trace/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
