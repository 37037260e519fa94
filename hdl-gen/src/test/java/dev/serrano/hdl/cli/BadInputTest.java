package dev.serrano.hdl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.FolderSnapshot;
import dev.serrano.hdl.emit.OutputWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input to {@code serrano generate} and {@code serrano lint}, one row each: the
 * message names the parameter (or file) and what is allowed, the exit code is 2, and the working
 * folder (an existing output folder, the configuration files) is byte for byte what it was.
 *
 * <p>The rows pass {@code --force} unless they test its absence: even with permission to replace
 * the output, bad input must leave it alone.
 */
class BadInputTest {
  /** A regular file: a folder below it cannot be created, not even by root. */
  private static final String FILE = "FILE";
  private static final String OUT = "OUT";
  private static final String CONFIG = "CONFIG";

  @TempDir
  Path dir;

  /**
   * @param config the text of the configuration file CONFIG stands for, or null
   * @param args the arguments, space separated; OUT, CONFIG and FILE stand for paths in the folder
   * @param expected what the message must hold: the parameter and what it allows
   */
  record Case(String what, String config, String args, String... expected) {
    @Override
    public String toString() {
      return what;
    }
  }

  static List<Case> cases() {
    String fifo = "generate --force --out OUT --top fifo ";
    String memory = "generate --force --out OUT --top memory_system ";
    String accelerator = "generate --force --out OUT --top accelerator ";
    String config = "generate --force --out OUT --config CONFIG";
    return List.of(
        // sizes: zero, negative, huge
        new Case("zero width", null, fifo + "-p width=0", "width must be from 1 to 8192, got 0"),
        new Case("negative width", null, fifo + "-p width=-8", "width must be from 1 to 8192, got -8"),
        new Case("huge width", null, fifo + "-p width=9000", "width must be from 1 to 8192, got 9000"),
        new Case("width over a long", null, fifo + "-p width=99999999999999999999",
            "width must be an integer from 1 to 8192"),
        new Case("fractional width", null, fifo + "-p width=1.5", "width must be an integer from 1 to 8192"),
        new Case("width with a plus sign", null, fifo + "-p width=+8", "width must be an integer from 1 to 8192,"
            + " got \"+8\""),
        new Case("width in Arabic-Indic digits", null, fifo + "-p width=\u0668", "width must be an integer from 1 to"
            + " 8192, got \"\u0668\""),
        new Case("zero depth", null, fifo + "-p depth=0", "depth must be a power of two from 2 to 65536, got 0"),
        new Case("negative depth", null, fifo + "-p depth=-4", "depth must be a power of two from 2 to 65536"),
        new Case("huge depth", null, fifo + "-p depth=131072", "depth must be a power of two from 2 to 65536"),
        new Case("zero rows", null, accelerator + "-p rows=0", "rows must be from 1 to 256, got 0"),
        new Case("negative cols", null, accelerator + "-p cols=-1", "cols must be from 1 to 256, got -1"),
        new Case("huge grid", null, "generate --force --out OUT --top mac_grid -p rows=129",
            "rows must be from 1 to 128, got 129"),
        new Case("no command tokens", null, accelerator + "-p maxTokens=0", "maxTokens must be from 1 to 255, got 0"),
        new Case("no read clients", null, "generate --force --out OUT --top scratchpad -p readClients=0",
            "readClients must be from 1 to 8, got 0"),
        new Case("scratchpad rows zero, named before the rows a tile needs", null, accelerator + "-p spRows=0",
            "spRows must be a power of two from 2 to 65536, got 0"),
        new Case("accumulator row too wide", null,
            "generate --force --out OUT --top accumulator -p lanes=4096 -p laneWidth=64",
            "lanes x laneWidth (the row width) must be at most 4096"),
        // powers of two
        new Case("depth not a power of two", null, fifo + "-p depth=3", "depth must be a power of two from 2 to 65536"),
        new Case("bank count not a power of two", null, memory + "-p spBanks=3",
            "spBanks must be a power of two from 1 to 64, got 3"),
        new Case("scratchpad rows not a power of two", null, "generate --force --out OUT --top scratchpad -p rows=1000",
            "rows must be a power of two from 2 to 65536, got 1000"),
        new Case("burst not a power of two", null, memory + "-p maxBurst=3",
            "maxBurst must be a power of two from 1 to 256, got 3"),
        new Case("command queue not a power of two", null, accelerator + "-p queueDepth=3",
            "queueDepth must be a power of two from 2 to 1024, got 3"),
        new Case("one outstanding transfer", null, memory + "-p outstanding=1",
            "outstanding must be a power of two from 2 to 64, got 1"),
        // widths
        new Case("bus too narrow", null, memory + "-p dataWidth=16", "dataWidth must be a power of two from 32 to 512"),
        new Case("ID too wide", null, memory + "-p idWidth=17", "idWidth must be from 1 to 16, got 17"),
        new Case("address too wide for AXI4-Lite", null, accelerator + "-p addressWidth=33",
            "addressWidth must be from 12 to 32, got 33"),
        new Case("accumulator too wide", null, "generate --force --out OUT --top pe_mac -p accWidth=65",
            "accWidth must be from 16 to 64, got 65"),
        new Case("register address too narrow", null, "generate --force --out OUT --top csr_demo -p addressWidth=3",
            "addressWidth must be from 4 to 32, got 3"),
        new Case("row not whole bytes", null, memory + "-p cols=3 -p input=s4",
            "cols x input width must be a whole number of bytes"),
        // division
        new Case("tile not dividing the array", null, accelerator + "-p tileCols=5", "tileCols must divide cols (16), got 5"),
        new Case("zero tile", null, "generate --force --out OUT --top pe_array -p rows=4 -p tileRows=0",
            "tileRows must be from 1 to 4, got 0"),
        // names
        new Case("unknown top", null, "generate --force --out OUT --top nope", "unknown top \"nope\" (known: pe_mac,"),
        new Case("unknown element type", null, accelerator + "-p input=fp16",
            "input must be one of s4, s8, s16, u4, u8, u16 (or int8, uint8, ...), got \"fp16\""),
        new Case("unknown dataflow", null, "generate --force --out OUT --top pe_array -p dataflow=rs",
            "dataflow must be one of ws, os, both, got \"rs\""),
        new Case("dataflow on the WS-only accelerator", null, accelerator + "-p dataflow=os",
            "unknown parameter \"dataflow\" for top accelerator (known: rows, cols,"),
        new Case("unknown reset style", null, fifo + "-p reset=sometimes",
            "reset must be one of sync_high, sync_low, async_high, async_low, got \"sometimes\""),
        new Case("not a boolean", null, "generate --force --out OUT --top pe_array -p saturate=maybe",
            "saturate must be true or false, got \"maybe\""),
        new Case("parameter name in the wrong case", null, fifo + "-p Width=9",
            "unknown parameter \"Width\" for top fifo (known: width, depth, reset)"),
        new Case("parameter without a value", null, fifo + "-p width", "'--param' (NAME=VALUE)"),
        // configuration files
        new Case("malformed JSON", "{\"top\": \"fifo\", \"parameters\": {\"width\": 8,}}", config,
            "CONFIG:1:", "malformed JSON"),
        new Case("truncated JSON", "{\"top\": \"fifo\", \"parameters\": {\"width\"", config, "CONFIG:1:",
            "malformed JSON"),
        new Case("content after the document", "{\"top\": \"fifo\"}\n{\"top\": \"pe_mac\"}", config, "CONFIG:2:",
            "malformed JSON"),
        new Case("a byte that is not UTF-8", "{\"top\": \"fi\u00ffo\"}", config, "CONFIG:1:", "malformed JSON",
            "Invalid UTF-8"),
        new Case("empty configuration", "", config, "CONFIG: the configuration file is empty"),
        new Case("configuration not an object", "[1, 2]", config,
            "CONFIG: the configuration must be a JSON object with \"top\" and \"parameters\""),
        new Case("unknown key", "{\"top\": \"fifo\", \"param\": {}}", config,
            "CONFIG: unknown key \"param\" (allowed: top, parameters)"),
        new Case("duplicate key", "{\"top\": \"fifo\", \"parameters\": {\"width\": 8, \"width\": 9}}", config,
            "CONFIG:1:", "Duplicate field 'width'"),
        new Case("parameter value an array", "{\"top\": \"fifo\", \"parameters\": {\"width\": [8]}}", config,
            "CONFIG: parameter \"width\" must be a number or a string"),
        new Case("top not a string", "{\"top\": 5}", config, "CONFIG: \"top\" must be a string"),
        new Case("bad value in the file", "{\"top\": \"fifo\", \"parameters\": {\"depth\": 0}}", config,
            "depth must be a power of two from 2 to 65536, got 0"),
        new Case("missing configuration file", null, "generate --force --out OUT --config OUT/none.json",
            "none.json: no such configuration file"),
        new Case("no top", null, "generate --force --out OUT -p width=3", "no top given: pass --top NAME"),
        // the output folder
        new Case("output below a regular file", null, "generate --top fifo --out FILE/rtl",
            "--out FILE/rtl: cannot be created: ", "FILE is a file, not a folder"),
        new Case("output is a regular file, even forced", null, "generate --force --top fifo --out FILE",
            "--out FILE: is a file, not a folder"),
        new Case("output holding folders, even forced", null, "generate --force --top fifo --out OUT/..",
            "holds the folder out; --force replaces only a folder of files (an earlier output)"),
        new Case("constraints below a regular file: the output is not written either", null,
            "generate --top fifo --out OUT/fresh --constraints FILE/c",
            "--constraints FILE/c: cannot be created: FILE is a file, not a folder"),
        new Case("clock not a number", null, "generate --force --top fifo --out OUT --constraints OUT/c --clock-mhz NaN",
            "clock-mhz must be from 1 to 2000, got NaN"),
        new Case("constraints inside the output: writing one would replace the other", null,
            "generate --force --top fifo --out OUT/fresh --constraints OUT/fresh/c",
            "--constraints OUT/fresh/c and --out OUT/fresh must be separate folders"),
        new Case("existing output without --force", null, "generate --top fifo --out OUT",
            "--out OUT: output folder is not empty; pass --force to replace it"),
        // lint
        new Case("lint a missing folder", null, "lint OUT/none", "OUT/none: no such folder"),
        new Case("lint a regular file", null, "lint FILE", "FILE: is a file, not a folder"),
        new Case("lint a folder without a file list", null, "lint OUT",
            "OUT: expected exactly one .f file list, found 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputNamesTheParameterExitsTwoAndChangesNothing(Case row) throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("sub"));
    Files.writeString(out.resolve("precious.v"), "module precious; endmodule\n");
    Files.write(out.resolve("sub/keep.bin"), new byte[] {0, 1, 2, (byte) 0xff});
    Path file = Files.writeString(dir.resolve("file"), "a regular file\n");
    Path config = dir.resolve("config.json");
    if (row.config() != null) {
      // Latin-1: one byte per character, so a row can hold a byte that is not UTF-8 (the others are ASCII).
      Files.write(config, row.config().getBytes(StandardCharsets.ISO_8859_1));
    }
    FolderSnapshot before = FolderSnapshot.of(dir);

    List<String> args = new ArrayList<>();
    for (String arg : row.args().split(" ")) {
      args.add(substitute(arg, out, config, file));
    }
    StringWriter err = new StringWriter();
    int code = SerranoCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));

    assertEquals(2, code, row.what() + ": " + err);
    for (String expected : row.expected()) {
      assertTrue(err.toString().contains(substitute(expected, out, config, file)),
          row.what() + ": expected \"" + expected + "\" in: " + err);
    }
    assertEquals(List.of(), FolderSnapshot.of(dir).changesSince(before), row.what() + ": the folder changed");
  }

  /**
   * An empty --out resolved to the working folder, which --force replaced. Not a row: run in-process, a
   * regression would replace this test's own working folder; scripts/fuzz --bad-input runs the command
   * in a process of its own in a scratch folder.
   */
  @Test
  void anEmptyOutputPathIsRefusedBeforeItResolvesToTheWorkingFolder() {
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> OutputWriter.requireWritable(Path.of(""), true));
    assertEquals("the path is empty; name a folder", e.getReason());
  }

  private static String substitute(String text, Path out, Path config, Path file) {
    return text.replace(OUT, out.toString()).replace(CONFIG, config.toString()).replace(FILE, file.toString());
  }
}
