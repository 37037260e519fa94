package dev.serrano.testbench.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/replay}'s bad inputs: exit code 2 and a message naming the problem. */
class TraceCommandTest {
  @TempDir
  Path folder;

  @Test
  void badInputsExitWithTwoAndSayWhy() throws IOException {
    assertBad("no trace folder given");
    assertBad("is not a trace folder (no trace.json)", folder.toString());
    assertBad("--sim must be verilator, icarus or both, got \"modelsim\"", folder.toString(), "--sim", "modelsim");
    assertBad("unexpected argument \"--fast\"", folder.toString(), "--fast");
    Files.writeString(folder.resolve(TraceFolder.TRACE_FILE), "{\"format\": \"serrano-trace/0\", \"steps\": []}");
    assertBad("format must be serrano-trace/1, got \"serrano-trace/0\"", folder.toString());
  }

  private static void assertBad(String message, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TraceCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
        StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, exit, text);
    assertTrue(text.contains(message), text);
  }
}
