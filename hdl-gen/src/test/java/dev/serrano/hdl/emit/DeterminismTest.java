package dev.serrano.hdl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.TestDesigns;
import dev.serrano.hdl.ir.Design;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same design emits the same bytes: twice in one JVM, and in a second JVM with another hash seed. */
class DeterminismTest {
  @Test
  void emittingTwiceInOneJvmGivesIdenticalFiles() {
    assertEquals(fingerprint(), fingerprint());
  }

  @Test
  void aSecondJvmEmitsIdenticalBytes() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        // a different identity-hash and string-hash behaviour in the child
        "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Xint", Fingerprint.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    child.waitFor(5, TimeUnit.MINUTES);
    assertEquals(0, child.exitValue(), output);
    assertEquals(fingerprint(), output);
  }

  /** SHA-256 over every emitted file (name and content) of the shipped configurations and the test designs. */
  static String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Map<String, EmittedDesign> shipped = ShippedConfigurations.emitAll();
      List<EmittedDesign> all = new java.util.ArrayList<>(shipped.values());
      all.add(EmittedDesign.of(Design.of(TestDesigns.counter())));
      all.add(EmittedDesign.of(Design.of(TestDesigns.operators())));
      for (EmittedDesign design : all) {
        design.files().forEach((name, text) -> {
          digest.update(name.getBytes(StandardCharsets.UTF_8));
          digest.update(text.getBytes(StandardCharsets.UTF_8));
        });
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entry point of the second JVM. */
  public static final class Fingerprint {
    public static void main(String[] args) {
      System.out.println(fingerprint());
    }
  }
}
