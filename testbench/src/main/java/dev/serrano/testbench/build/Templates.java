package dev.serrano.testbench.build;

import com.github.mustachejava.DefaultMustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Renders the Mustache templates of this package as plain text (C++ and shell, not HTML). */
final class Templates {

  private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("dev/serrano/testbench/build") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private Templates() {}

  static String render(String template, Object scope) {
    StringWriter out = new StringWriter();
    FACTORY.compile(template).execute(out, scope);
    return out.toString();
  }
}
