package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SweepCommandTest {
  @TempDir
  Path temp;

  /** The exit code and what went to stderr. */
  private record Outcome(int exitCode, String err) {}

  @Test
  void aSpecThatDoesNotParseIsBadInputAndWritesNothing() throws IOException {
    Path spec = write("bad.json", "{\"workloads\": [{\"m\": 8, \"n\": 6, \"k\": 0}]}");
    Outcome outcome = sweep("run", spec.toString(), "--out", temp.resolve("out").toString());
    assertEquals(2, outcome.exitCode());
    assertEquals("sweep: error: " + spec + ": workloads[0].k must be a whole number from 1 to 16384, got 0\n",
        outcome.err());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  void aBadTopologyRowIsBadInputNamingFileAndLine() throws IOException {
    write("net.csv", "Layer, M, N, K,\nfc, 4, 4, 4,\nproj, 4, x, 4,\n");
    Path spec = write("s.json", "{\"workloads\": [{\"topology\": \"net.csv\"}]}");
    Outcome outcome = sweep("run", spec.toString(), "--out", temp.resolve("out").toString());
    assertEquals(2, outcome.exitCode());
    assertEquals("sweep: error: " + spec + ": " + temp.resolve("net.csv")
        + ":3: N must be a whole number from 1 to 2147483647, got \"x\"\n", outcome.err());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  void aMissingSpecOrShardFolderAndABadShardAreBadInput() throws IOException {
    Outcome missing = sweep("run", temp.resolve("none.json").toString(), "--out", temp.resolve("out").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("sweep: error: cannot read sweep file " + temp.resolve("none.json")),
        missing.err());
    Path spec = write("s.json", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    Outcome shard = sweep("run", spec.toString(), "--out", temp.resolve("out").toString(), "--shard", "2/2");
    assertEquals(2, shard.exitCode());
    assertTrue(shard.err().startsWith("Invalid value for option '--shard': shard index must be from 0 to 1, got 2\n"),
        shard.err());
    Outcome merge = sweep("merge", "--out", temp.resolve("merged").toString(), temp.resolve("nothing").toString());
    assertEquals(2, merge.exitCode());
    assertTrue(merge.err().startsWith("sweep: error: cannot read sweep file"), merge.err());
    assertFalse(Files.exists(temp.resolve("out")));
    assertFalse(Files.exists(temp.resolve("merged")));
  }

  @Test
  void aTwoLayerNetworkRunsEndToEndWithItsTotalAndMerges() throws IOException {
    write("net.csv", """
        Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
        c1, 4, 4, 2, 2, 2, 3, 1,
        c2, 3, 3, 2, 2, 3, 2, 2,
        """);
    Path spec = write("s.json", """
        { "parameters": {"rows": [2], "cols": [2], "spBanks": [2], "spRows": [64], "accBanks": [2], "accRows": [32],
            "dataWidth": [64], "maxBurst": [16], "outstanding": [4], "queueDepth": [4]},
          "workloads": [{"topology": "net.csv"}], "area": [] }
        """);
    Path out = temp.resolve("out");
    Outcome outcome = sweep("run", spec.toString(), "--out", out.toString(), "-j", "1");
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("[##########..........] 1/2 points, "), outcome.err());
    assertTrue(outcome.err().contains("[####################] 2/2 points, "), outcome.err());
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = List.of(rows.get(0).split(",", -1));
    // c1: 3 x 3 outputs, K = 2 x 2 x 2; c2: ceil((3 - 2) / 2) + 1 = 2, so 2 x 2 outputs, K = 2 x 2 x 3.
    assertEquals(List.of("net.c1,9,3,8,ok", "net.c2,4,2,12,ok", "net,,,,total"), rows.subList(1, 4).stream()
        .map(row -> String.join(",", cells(header, row, "workload", "m", "n", "k", "status"))).toList());
    long c1 = Long.parseLong(cells(header, rows.get(1), "cycles").get(0));
    long c2 = Long.parseLong(cells(header, rows.get(2), "cycles").get(0));
    assertEquals(c1 + c2, Long.parseLong(cells(header, rows.get(3), "cycles").get(0)));
    assertEquals("" + (9 * 3 * 8 + 4 * 2 * 12), cells(header, rows.get(3), "macs").get(0));
    Outcome merge = sweep("merge", "--out", temp.resolve("merged").toString(), out.toString());
    assertEquals(0, merge.exitCode(), merge.err());
    assertEquals(Files.readString(out.resolve("results.csv")), Files.readString(temp.resolve("merged/results.csv")));
    // run and merge both write the report, and the same results give the same page.
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("rows=2,cols=2,spBanks=2"));
    assertEquals(Files.readString(out.resolve("report/index.html")),
        Files.readString(temp.resolve("merged/report/index.html")));
  }

  @Test
  void reportOnAFolderThatIsNotASweepIsBadInputAndWritesNothing() throws IOException {
    Files.createDirectories(temp.resolve("plain"));
    for (String folder : List.of("plain", "missing")) {
      Outcome outcome = sweep("report", temp.resolve(folder).toString());
      assertEquals(2, outcome.exitCode(), outcome.err());
      assertEquals("sweep: error: " + temp.resolve(folder) + " is not a sweep folder (it has no spec.json)\n",
          outcome.err());
    }
    assertEquals(List.of("plain"), SweepReportTest.names(temp));
    assertEquals(List.of(), SweepReportTest.names(temp.resolve("plain")));
    write("spec.json", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 0}]}");
    Outcome badSpec = sweep("report", temp.toString());
    assertEquals(2, badSpec.exitCode());
    assertEquals("sweep: error: " + temp.resolve("spec.json") + ": workloads[0].k must be a whole number from 1 to"
        + " 16384, got 0\n", badSpec.err());
    assertFalse(Files.exists(temp.resolve("report")));
  }

  @Test
  void reportRewritesTheReportFromTheFolderPoints() throws IOException {
    SweepSpec spec = SweepSpec.parse("s.json", """
        {"parameters": {"rows": [2, 4], "cols": [2]}, "workloads": [{"name": "g", "m": 8, "n": 8, "k": 8}]}
        """);
    SweepFolder folder = new SweepFolder(temp.resolve("sweep"));
    folder.claim(spec);
    folder.write(SweepReportTest.measured(SweepReportTest.parameters("2", "2", null), "g", 8, 200, 150, 256, 512,
        1024, 2304));
    Outcome outcome = sweep("report", folder.root().toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals("sweep: report in " + folder.root().resolve("report/index.html") + "\n", outcome.err());
    String html = Files.readString(folder.root().resolve("report/index.html"));
    assertTrue(html.contains("<td class=\"text\">rows=2,cols=2@g</td>"), html);
    // The other configuration's point has not run: it is not in the folder, so not in the report.
    assertFalse(html.contains("rows=4,cols=2@g"), html);
  }

  @Test
  void flagsDescribeTheSameSweepAFileWould() throws IOException {
    // Three scratchpad banks are refused by the catalog, so every point fails at once and nothing is built.
    Path out = temp.resolve("flags");
    Outcome outcome = sweep("run", "-p", "rows=2,4", "-p", "spBanks=3", "--gemm", "8x6x10", "--preset",
        "transformer-decode", "--area", "generic,xilinx", "--clock-mhz", "250", "--out", out.toString(), "-j", "1");
    assertEquals(1, outcome.exitCode(), outcome.err());
    SweepSpec file = SweepSpec.parse("file", """
        { "parameters": {"rows": [2, 4], "spBanks": [3]},
          "workloads": [{"m": 8, "n": 6, "k": 10}, {"preset": "transformer-decode"}],
          "area": ["generic", "xilinx"], "clockMhz": 250 }
        """);
    assertEquals(file.toJson(), Files.readString(out.resolve("spec.json")));
    assertEquals(2 * 5, Files.readAllLines(out.resolve("results.csv")).stream()
        .filter(line -> line.contains(",failed,")).count());
  }

  @Test
  void badFlagsAreNamedAndWriteNothing() {
    Path out = temp.resolve("bad-flags");
    Outcome both = sweep("run", "s.json", "--gemm", "1x1x1", "--out", out.toString());
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("give SPEC.json or the flags"), both.err());
    Outcome none = sweep("run", "--out", out.toString());
    assertTrue(none.err().contains("at least one workload with --gemm, --preset or --topology"), none.err());
    Outcome gemm = sweep("run", "--gemm", "8x6", "--out", out.toString());
    assertTrue(gemm.err().contains("--gemm must be MxNxK in whole numbers (64x64x64), got \"8x6\""), gemm.err());
    Outcome param = sweep("run", "-p", "rows", "--gemm", "1x1x1", "--out", out.toString());
    assertTrue(param.err().contains("-p must be NAME=V1,V2,..., got \"rows\""), param.err());
    Outcome flow = sweep("run", "--gemm", "1x1x1", "--area", "asic", "--out", out.toString());
    assertTrue(flow.err().contains("area must list flows from [generic, ice40, xilinx], got \"asic\""), flow.err());
    for (Outcome outcome : List.of(none, gemm, param, flow)) {
      assertEquals(2, outcome.exitCode(), outcome.err());
    }
    assertTrue(Files.notExists(out));
  }

  /** The cells of {@code columns}; the first cell, a point name with commas, is quoted. */
  private static List<String> cells(List<String> header, String row, String... columns) {
    List<String> cells = new ArrayList<>(List.of("point"));
    cells.addAll(List.of(row.substring(row.indexOf("\",") + 2).split(",", -1)));
    return List.of(columns).stream().map(column -> cells.get(header.indexOf(column))).toList();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  private static Outcome sweep(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = SweepCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return new Outcome(commandLine.execute(args), err.toString());
  }
}
