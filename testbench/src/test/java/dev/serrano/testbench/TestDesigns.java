package dev.serrano.testbench;

import dev.serrano.testbench.design.DesignInterface;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The hand-written test designs under {@code src/test/resources/designs/<name>/}. */
public final class TestDesigns {

  private TestDesigns() {}

  public static DesignInterface load(String name) {
    URL json = TestDesigns.class.getResource("/designs/" + name + "/" + name + ".json");
    if (json == null) {
      throw new IllegalArgumentException("no test design " + name);
    }
    try {
      return DesignInterface.read(Path.of(json.toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
