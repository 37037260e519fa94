package dev.serrano.hdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: what it writes, and that bad input names the problem, exits 2 and writes nothing. */
class SerranoCliTest {
  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SerranoCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void generatesTheVerilogFileListAndInterfaceJson() throws IOException {
    Path out = dir.resolve("fifo");
    Outcome o = run("generate", "--top", "fifo", "-p", "width=8", "-p", "depth=4", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("fifo_w8_d4.core", "fifo_w8_d4.f", "fifo_w8_d4.json", "fifo_w8_d4.v"), list(out));
    assertEquals("fifo_w8_d4.v\n", Files.readString(out.resolve("fifo_w8_d4.f")));
    assertTrue(o.out().contains("fifo_w8_d4.v"), o.out());
    assertTrue(Files.readString(out.resolve("fifo_w8_d4.json")).contains("\"format\" : \"serrano-interface/1\""));
  }

  @Test
  void theOutputFolderGetsThePermissionsOfAnyNewFolderNotThoseOfATemporaryOne() throws IOException {
    Path out = dir.resolve("fifo");
    assertEquals(0, run("generate", "--top", "fifo", "--out", out.toString()).code());
    Path plain = Files.createDirectory(dir.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
  }

  @Test
  void configurationFileAndFlagsCombineWithFlagsWinning() throws IOException {
    Path config = dir.resolve("grid.json");
    Files.writeString(config, "{ \"top\": \"mac_grid\", \"parameters\": { \"rows\": 2, \"cols\": 5, \"type\": \"u4\" } }");
    Path out = dir.resolve("grid");
    Outcome o = run("generate", "--config", config.toString(), "-p", "cols=3", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("mac_grid_2x3_u4_a32.core", "mac_grid_2x3_u4_a32.f", "mac_grid_2x3_u4_a32.json",
        "mac_grid_2x3_u4_a32.v", "pe_mac_u4_a32.v"), list(out));
    assertEquals("pe_mac_u4_a32.v\nmac_grid_2x3_u4_a32.v\n", Files.readString(out.resolve("mac_grid_2x3_u4_a32.f")));
  }

  @Test
  void listAlignsEveryTopsDescription() {
    Outcome o = run("list");
    assertEquals(0, o.code());
    List<String> lines = o.out().lines().filter(l -> !l.startsWith(" ")).toList();
    assertEquals(dev.serrano.hdl.lib.Catalog.tops().size(), lines.size(), o.out());
    int longest = dev.serrano.hdl.lib.Catalog.tops().keySet().stream().mapToInt(String::length).max().orElseThrow();
    for (String line : lines) {
      assertEquals(' ', line.charAt(longest), "description column in: " + line);
      assertTrue(line.charAt(longest + 1) != ' ', "description column in: " + line);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown top | --top=nope | serrano: unknown top \"nope\" (known: pe_mac, mac_grid, pe_array, fifo, scratchpad, accumulator, memory_system, post_process, accelerator, csr_demo)",
      "depth not a power of two | --top=fifo -p depth=3 | serrano: depth must be a power of two from 2 to 65536, got 3",
      "width too large | --top=fifo -p width=9000 | serrano: width must be from 1 to 8192, got 9000",
      "width not a number | --top=fifo -p width=wide | serrano: width must be an integer from 1 to 8192, got \"wide\"",
      "unknown parameter | --top=fifo -p size=3 | serrano: unknown parameter \"size\" for top fifo (known: width, depth, reset)",
      "bad element type | --top=pe_mac -p type=s7 | serrano: type must be one of s4, s8, s16, u4, u8, u16 (or int8, uint8, ...), got \"s7\"",
      "accumulator too narrow | --top=pe_mac -p type=s16 -p accWidth=24 | serrano: accWidth must be from 32 to 64, got 24",
      "zero rows | --top=mac_grid -p rows=0 | serrano: rows must be from 1 to 128, got 0",
      "array tile not dividing | --top=pe_array -p rows=4 -p tileRows=3 | serrano: tileRows must divide rows (4), got 3",
      "array unknown dataflow | --top=pe_array -p dataflow=is | serrano: dataflow must be one of ws, os, both, got \"is\"",
      "array saturate not boolean | --top=pe_array -p saturate=maybe | serrano: saturate must be true or false, got \"maybe\"",
      "array accumulator too narrow | --top=pe_array -p input=s16 -p weight=s16 -p accWidth=16 | serrano: accWidth must be from 32 to 64, got 16",
      "array too large | --top=pe_array -p rows=300 | serrano: rows must be from 1 to 256, got 300",
      "unknown reset style | --top=fifo -p reset=sometimes | serrano: reset must be one of sync_high, sync_low, async_high, async_low, got \"sometimes\"",
      "memory system row not whole bytes | --top=memory_system -p cols=3 -p input=s4 | serrano: cols x input width must be a whole number of bytes (a scratchpad row is copied byte by byte), got 3 x 4 bits",
      "memory system bus too narrow | --top=memory_system -p dataWidth=16 | serrano: dataWidth must be a power of two from 32 to 512, got 16",
      "memory system post-processing of int24 | --top=memory_system -p accWidth=24 | serrano: postProcess needs accWidth 32 (TFLite requantisation is defined on int32 accumulators), got accWidth 24; set postProcess=false for other widths",
      "no top | -p width=3 | serrano: no top given: pass --top NAME or a --config file with \"top\" (see serrano list)",
  })
  void badParametersExitTwoNameTheProblemAndWriteNothing(String what, String args, String message) throws IOException {
    Path out = dir.resolve("out");
    String[] argv = Stream.concat(Stream.of("generate", "--out", out.toString()),
        Stream.of(args.trim().split(" +"))).toArray(String[]::new);
    Outcome o = run(argv);
    assertEquals(2, o.code(), what);
    assertEquals(message, o.err().trim());
    assertFalse(Files.exists(out), "nothing may be written");
    assertEquals(List.of(), list(dir), "no temporary folder left behind");
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws IOException {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\n  \"top\": \"fifo\",\n  \"parameters\": { \"width\": 8, }\n}\n");
    Outcome o = run("generate", "--config", config.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("serrano: " + config + ":3:31: malformed JSON: "), o.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void truncatedJsonAndUnknownKeysAreRejected() throws IOException {
    Path truncated = dir.resolve("truncated.json");
    Files.writeString(truncated, "{ \"top\": \"fifo\", \"parameters\": { \"width\"");
    Outcome o = run("generate", "--config", truncated.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("serrano: " + truncated + ":1:"), o.err());

    Path unknownKey = dir.resolve("unknown.json");
    Files.writeString(unknownKey, "{ \"top\": \"fifo\", \"param\": {} }");
    o = run("generate", "--config", unknownKey.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, o.code());
    assertEquals("serrano: " + unknownKey + ": unknown key \"param\" (allowed: top, parameters)", o.err().trim());
  }

  @Test
  void existingOutputIsKeptUnlessForced() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("precious.txt"), "keep me");
    Outcome refused = run("generate", "--top", "pe_mac", "--out", out.toString());
    assertEquals(2, refused.code());
    assertEquals("serrano: --out " + out + ": output folder is not empty; pass --force to replace it", refused.err().trim());
    assertEquals(List.of("precious.txt"), list(out));

    Outcome forced = run("generate", "--top", "pe_mac", "--out", out.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(List.of("pe_mac_s8_a32.core", "pe_mac_s8_a32.f", "pe_mac_s8_a32.json", "pe_mac_s8_a32.v"), list(out));
    assertEquals(List.of("out"), list(dir), "no temporary or backup folder left behind");
  }

  @Test
  void forceDoesNotReplaceAFolderHoldingFoldersNorTheWorkingFolder() throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project.resolve(".git"));
    Files.writeString(project.resolve("notes.txt"), "keep me");
    Outcome refused = run("generate", "--top", "pe_mac", "--out", project.toString(), "--force");
    assertEquals(2, refused.code());
    assertEquals("serrano: --out " + project + ": holds the folder .git; --force replaces only a folder of files (an"
        + " earlier output), name a new folder", refused.err().trim());
    assertEquals(List.of(".git", "notes.txt"), list(project));

    Path working = Path.of("").toAbsolutePath();
    Outcome here = run("generate", "--top", "pe_mac", "--out", working.toString(), "--force");
    assertEquals(2, here.code());
    assertEquals("serrano: --out " + working + ": is the working folder or holds it; --force does not replace that,"
        + " name a new folder", here.err().trim());
  }

  @Test
  void theClockTargetGoesIntoTheConstraintsAndLeavesTheVerilogAlone() throws IOException {
    Outcome defaults = run("generate", "--top", "fifo", "--out", dir.resolve("a").toString(), "--constraints",
        dir.resolve("ca").toString());
    assertEquals(0, defaults.code(), defaults.err());
    Outcome fast = run("generate", "--top", "fifo", "--out", dir.resolve("b").toString(), "--constraints",
        dir.resolve("cb").toString(), "--clock-mhz", "125");
    assertEquals(0, fast.code(), fast.err());
    for (String file : list(dir.resolve("a"))) {
      assertEquals(Files.readString(dir.resolve("a").resolve(file)), Files.readString(dir.resolve("b").resolve(file)),
          file);
    }
    assertEquals(List.of("fifo_w32_d16.sdc", "fifo_w32_d16.xdc", "fifo_w32_d16_ice40.pcf", "fifo_w32_d16_ice40.v"),
        list(dir.resolve("cb")));
    assertTrue(Files.readString(dir.resolve("ca").resolve("fifo_w32_d16.sdc"))
        .contains("create_clock -name clk -period 2.000 [get_ports clk]"));
    assertTrue(Files.readString(dir.resolve("ca").resolve("fifo_w32_d16.xdc")).contains("-period 4.000 "));
    assertTrue(Files.readString(dir.resolve("ca").resolve("fifo_w32_d16_ice40.pcf")).contains("set_frequency clk 24\n"));
    String sdc = Files.readString(dir.resolve("cb").resolve("fifo_w32_d16.sdc"));
    assertTrue(sdc.contains("# Clock target 125 MHz (serrano generate --clock-mhz; default for asic: 500 MHz)"), sdc);
    assertTrue(sdc.contains("create_clock -name clk -period 8.000 [get_ports clk]"), sdc);
    assertTrue(sdc.contains("set_input_delay -clock clk 1.600 [get_ports {in_data[*]}]"), sdc);
    assertTrue(Files.readString(dir.resolve("cb").resolve("fifo_w32_d16_ice40.pcf")).contains("set_frequency clk 125\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "zero | --clock-mhz 0 --constraints C | serrano: clock-mhz must be from 1 to 2000, got 0",
      "too fast | --clock-mhz 2500 --constraints C | serrano: clock-mhz must be from 1 to 2000, got 2500",
      "without constraints | --clock-mhz 100 | serrano: --clock-mhz sets the clock of the constraints: pass --constraints DIR too",
  })
  void badClockTargetsExitTwoAndWriteNothing(String what, String args, String message) throws IOException {
    Path out = dir.resolve("out");
    String[] argv = Stream.concat(Stream.of("generate", "--top", "fifo", "--out", out.toString()),
        Stream.of(args.replace("C", dir.resolve("c").toString()).split(" +"))).toArray(String[]::new);
    Outcome o = run(argv);
    assertEquals(2, o.code(), what);
    assertEquals(message, o.err().trim());
    assertEquals(List.of(), list(dir), "nothing written");
  }

  @Test
  void synthReportsTheScratchpadBanksInBlockRam() throws IOException {
    Path out = dir.resolve("synth");
    Outcome o = run("synth", "--top", "scratchpad", "-p", "banks=2", "-p", "rows=512", "-p", "rowWidth=36",
        "--flow", "ecp5", "--out", out.toString());
    assertEquals(0, o.code(), o.err() + o.out());
    assertTrue(o.out().contains("| flow | LUT | FF | carry | DSP | BRAM | BRAM Kbit |"), o.out());
    // 512 x 36 = 18 Kbit per bank: one DP16KD each.
    assertTrue(o.out().contains("2 x banked_mem_bank_r512_w36.storage (512 x 36)"), o.out());
    String json = Files.readString(out.resolve("synth-ecp5.json"));
    assertTrue(json.contains("\"DP16KD\" : 2"), json);
    assertTrue(json.contains("\"bram\" : 2"), json);
  }

  @Test
  void pnrPlacesAndRoutesTheIce40ConfigurationAndReportsFmax() throws IOException {
    Path out = dir.resolve("pnr");
    Outcome o = run("pnr", "--config", dev.serrano.hdl.Repository.root().resolve("configs/pe_array_2x2_ws_s8.json")
        .toString(), "--clock-mhz", "12", "--out", out.toString());
    assertEquals(0, o.code(), o.err() + o.out());
    assertTrue(o.out().contains("| ICESTORM_DSP | 4 | 8 |"), "one SB_MAC16 per PE: " + o.out());
    assertTrue(o.out().matches("(?s).*Fmax \\d+\\.\\d MHz against a target of 12\\.0 MHz: met.*"), o.out());
    assertTrue(Files.exists(out.resolve("pe_array_2x2_ws_s8xs8_a32_ice40.nextpnr.json")));
  }

  @Test
  void missingOutputFlagIsAUsageError() {
    Outcome o = run("generate", "--top", "fifo");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("Missing required option: '--out=DIR'"), o.err());
  }

  @Test
  void listNamesEveryTopWithItsParameters() {
    Outcome o = run("list");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("fifo") && o.out().contains("depth=16") && o.out().contains("mac_grid"), o.out());
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
