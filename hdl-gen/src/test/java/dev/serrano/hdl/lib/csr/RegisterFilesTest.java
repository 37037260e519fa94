package dev.serrano.hdl.lib.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.lib.csr.RegisterMap.Field;
import dev.serrano.hdl.lib.csr.RegisterMap.Register;
import dev.serrano.hdl.tools.RtlLint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files emitted from a register map: the C header compiles warning-free and its macros equal
 * the map, the Markdown and JSON are byte-identical across runs and list every register, and the
 * slave is lint-clean for the demo and for two other maps and address widths.
 */
class RegisterFilesTest {
  @TempDir
  Path dir;

  /** A second map: a 64-word gap, only flags and commands, no shadow, one-word commands. */
  static RegisterMap sparseMap() {
    return RegisterMap.builder("sparse", "flags and commands far apart")
        .flags("events", "events", Field.of("count", 15, 8, "counted"), Field.bit("done", 31, "done"))
        .interruptEnable("events_ie", "events", "enables")
        .at(0x400).command("op", 2, "one-word operation", List.of(List.of()))
        .command("wide", 8, "three words", List.of(List.of(), List.of(), List.of(Field.of("tag", 3, 0, "tag"))))
        .build();
  }

  /** A third map: status and constants only (no commit, no irq, no FIFO). */
  static RegisterMap readOnlyMap() {
    return RegisterMap.builder("ro", "read-only block")
        .constant("version", "version", Field.of("v", 7, 0, "v").withReset(3))
        .status("level", "level", Field.of("l", 30, 1, "l")).counter64("events", "events").build();
  }

  @Test
  void cHeaderCompilesAndItsMacrosEqualTheMap() throws IOException, InterruptedException {
    RegisterMap map = CsrDemo.map();
    Path header = dir.resolve("csr_demo_regs.h");
    Files.writeString(header, RegisterFiles.cHeader(map, "csr_demo"));
    Path source = dir.resolve("use.c");
    Files.writeString(source, "#include \"csr_demo_regs.h\"\n"
        + "unsigned offsets[] = {CSR_DEMO_CTRL_OFFSET, CSR_DEMO_CTRL_MODE_MASK, CSR_DEMO_CTRL_MODE_CONV,"
        + " CSR_DEMO_CMD_WORDS};\n");
    Process cc = new ProcessBuilder("cc", "-Wall", "-Wextra", "-Werror", "-std=c99", "-pedantic", "-c", "use.c",
        "-o", "use.o").directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(cc.getInputStream().readAllBytes());
    assertEquals(0, cc.waitFor(), output);

    Map<String, Long> macros = new HashMap<>();
    Matcher m = Pattern.compile("#define (\\w+) (0x[0-9a-f]+|\\d+)u").matcher(Files.readString(header));
    while (m.find()) {
      macros.put(m.group(1), Long.decode(m.group(2)));
    }
    for (Register r : map.registers()) {
      String prefix = "CSR_DEMO_" + r.name().toUpperCase();
      assertEquals(r.offset(), macros.get(prefix + "_OFFSET"), r.name());
      assertEquals(r.resetValue(), macros.get(prefix + "_RESET"), r.name());
      for (Field f : r.fields()) {
        String field = prefix + "_" + f.name().toUpperCase();
        assertEquals(f.lsb(), macros.get(field + "_SHIFT"), field);
        assertEquals(f.mask(), macros.get(field + "_MASK"), field);
      }
    }
    assertEquals(2L, macros.get("CSR_DEMO_CTRL_MODE_CONV"));
    assertEquals(0x48L, macros.get("CSR_DEMO_SIZE"));
  }

  @Test
  void emittedFilesAreDeterministicAndComplete() throws IOException {
    EmittedDesign first = EmittedDesign.of(Catalog.design("csr_demo", Map.of()));
    EmittedDesign second = EmittedDesign.of(Catalog.design("csr_demo", Map.of()));
    assertEquals(first.files(), second.files());
    assertEquals(List.of("fifo_w64_d4.v", "csr_demo.v", "csr_demo.f", "csr_demo.json", "csr_demo_regs.h",
        "csr_demo_regs.md", "csr_demo.core"), List.copyOf(first.files().keySet()));
    JsonNode registers = new ObjectMapper().readTree(first.files().get("csr_demo.json")).get("registers");
    RegisterMap map = CsrDemo.map();
    assertEquals(map.registers().size(), registers.size());
    for (int i = 0; i < registers.size(); i++) {
      assertEquals(map.registers().get(i).name(), registers.get(i).get("name").asText());
      assertEquals(map.registers().get(i).offset(), registers.get(i).get("offset").asLong());
    }
    String markdown = first.files().get("csr_demo_regs.md");
    assertTrue(markdown.contains("| 0x0000000c | `tile` | RW (shadowed) | 0x00401010 |"), markdown);
    assertTrue(markdown.contains("| 0x0000001c | `error` | W1C |"), markdown);
  }

  @Test
  void slavesAreLintCleanForThreeMapsAndAddressWidths() throws IOException {
    Map<String, Design> designs = Map.of(
        "demo", Catalog.design("csr_demo", Map.of("reset", "async_low")),
        "sparse", Design.of(CsrBlock.build(sparseMap(), new CsrBlock.Config("sparse_csr", 16, ResetStyle.SYNC_ACTIVE_HIGH))),
        "ro", Design.of(CsrBlock.build(readOnlyMap(), new CsrBlock.Config("ro_csr", 5, ResetStyle.SYNC_ACTIVE_LOW))));
    for (Map.Entry<String, Design> entry : designs.entrySet()) {
      Path out = dir.resolve(entry.getKey());
      OutputWriter.write(entry.getValue(), out);
      for (RtlLint.Result result : RtlLint.run(out)) {
        assertTrue(result.passed(), entry.getKey() + ": " + result.tool() + "\n" + result.output());
      }
    }
  }
}
