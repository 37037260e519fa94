package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.TestDesigns;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.IrPrinter;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.Fifo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emitted text is part of the contract: small designs are compared byte for byte with
 * reviewed files under {@code src/test/resources/golden/}. After an intended format change, run
 * with {@code -Dserrano.updateGolden=true} and review the diff.
 */
class GoldenVerilogTest {
  @Test
  void counter() throws IOException {
    assertGolden(TestDesigns.counter());
  }

  @Test
  void operators() throws IOException {
    assertGolden(TestDesigns.operators());
  }

  @Test
  void fifo() throws IOException {
    assertGolden(Fifo.build(new Fifo.Config(8, 4)));
  }

  @Test
  void irText() throws IOException {
    compare("counter_w8.ir", IrPrinter.print(Design.of(TestDesigns.counter())));
  }

  private static void assertGolden(Module module) throws IOException {
    EmittedDesign emitted = EmittedDesign.of(Design.of(module));
    for (Map.Entry<String, String> file : emitted.files().entrySet()) {
      compare(file.getKey(), file.getValue());
    }
  }

  private static void compare(String name, String actual) throws IOException {
    if (Boolean.getBoolean("serrano.updateGolden")) {
      Path target = Path.of("src/test/resources/golden", name);
      Files.writeString(target, actual);
      return;
    }
    try (InputStream in = GoldenVerilogTest.class.getResourceAsStream("/golden/" + name)) {
      String expected = in == null ? "<missing golden file " + name + ">" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(expected, actual, name);
    }
  }
}
