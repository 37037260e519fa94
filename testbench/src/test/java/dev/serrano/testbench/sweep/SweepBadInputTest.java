package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.FolderSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every kind of bad input to {@code scripts/sweep}, one row each: the message names the field or
 * option and what it allows, the exit code is 2, and the working folder (an output folder holding
 * another sweep, two shard folders, the spec) is byte for byte what it was. No row builds or
 * simulates anything: bad input is refused before the first point runs.
 */
class SweepBadInputTest {
  private static final String OUT = "OUT";
  private static final String SPEC = "SPEC";
  private static final String FILE = "FILE";
  private static final String SHARD_A = "SHARD_A";
  private static final String SHARD_B = "SHARD_B";
  private static final String ONE_GEMM = "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}";

  @TempDir
  Path dir;

  /**
   * @param spec the text of the spec file SPEC stands for
   * @param args the arguments, space separated; OUT, SPEC, FILE, SHARD_A and SHARD_B stand for paths
   * @param expected what the message must hold: the field or option and what it allows
   */
  record Case(String what, String spec, String args, String... expected) {
    @Override
    public String toString() {
      return what;
    }
  }

  static List<Case> cases() {
    String run = "run SPEC --out OUT";
    String gemm = "{\"workloads\": [{\"m\": 8, \"n\": 6, \"k\": %s}]}";
    String grid = "{\"parameters\": {\"rows\": %s}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}";
    return List.of(
        new Case("zero K", gemm.formatted("0"), run, "workloads[0].k must be a whole number from 1 to 16384, got 0"),
        new Case("negative K", gemm.formatted("-3"), run, "workloads[0].k must be a whole number from 1 to 16384, got -3"),
        new Case("huge K", gemm.formatted("100000"), run, "workloads[0].k must be a whole number from 1 to 16384"),
        new Case("K over an int", gemm.formatted("5000000000"), run, "workloads[0].k must be a whole number from 1"),
        new Case("fractional K", gemm.formatted("1.5"), run, "workloads[0].k must be a whole number from 1 to 16384"),
        new Case("K a string", gemm.formatted("\"8\""), run, "workloads[0].k must be a whole number from 1 to 16384"),
        new Case("K missing", "{\"workloads\": [{\"m\": 8, \"n\": 6}]}", run,
            "workloads[0].k must be a whole number from 1 to 16384, got nothing"),
        new Case("malformed JSON", "{\"workloads\": [,]}", run, "SPEC: not valid JSON at line 1, column 16"),
        new Case("a key twice", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1,\n \"k\": 2}]}", run,
            "SPEC: not valid JSON at line 2,", "Duplicate field 'k'"),
        new Case("content after the document", ONE_GEMM + "\n{}", run, "SPEC: not valid JSON at line 2,"),
        new Case("a byte that is not UTF-8", "{\"workloads\": [{\"name\": \"\u00ff\", \"m\": 1, \"n\": 1, \"k\": 1}]}",
            run, "SPEC: not valid JSON at line 1,", "Invalid UTF-8"),
        new Case("empty file", "", run, "SPEC: the file is empty"),
        new Case("truncated JSON", "{\"workloads\": [{\"m\": 8", run, "SPEC: not valid JSON"),
        new Case("top level not an object", "[]", run, "SPEC: the top level must be a JSON object"),
        new Case("unknown top-level key", "{\"workload\": []}", run,
            "the top level: unknown field \"workload\" (known: [area, clockMhz, parameters, workloads])"),
        new Case("unknown GEMM key", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1, \"batch\": 2}]}", run,
            "workloads[0]: unknown field \"batch\" (known: [k, m, n, name, network])"),
        new Case("no workloads", "{\"workloads\": []}", run, "workloads must list at least one GEMM"),
        new Case("workloads not a list", "{\"workloads\": 3}", run, "workloads must be an array of GEMMs"),
        new Case("parameter values not a list", grid.formatted("4"), run, "parameters.rows must be an array of values, got 4"),
        new Case("parameter with no values", grid.formatted("[]"), run, "parameters.rows must list at least one value"),
        new Case("parameter value twice", grid.formatted("[2, 2]"), run, "parameters.rows lists a value twice"),
        new Case("fractional parameter value", grid.formatted("[2.5]"), run,
            "parameters.rows values must be whole numbers or strings, got 2.5"),
        new Case("name that is no file name", "{\"workloads\": [{\"name\": \"a/b\", \"m\": 1, \"n\": 1, \"k\": 1}]}", run,
            "workloads.name \"a/b\" must be letters, digits, '.', '-' or '_'"),
        new Case("name used twice", "{\"workloads\": [{\"name\": \"a\", \"m\": 1, \"n\": 1, \"k\": 1},"
            + " {\"name\": \"a\", \"m\": 2, \"n\": 2, \"k\": 2}]}", run, "workloads: the name \"a\" is used twice"),
        new Case("unknown preset", "{\"workloads\": [{\"preset\": \"vgg99\"}]}", run, "vgg99"),
        new Case("missing topology file", "{\"workloads\": [{\"topology\": \"none.csv\"}]}", run, "none.csv"),
        new Case("no jobs", ONE_GEMM, run + " -j 0", "-j must be from 1 to 1024, got 0"),
        new Case("too many jobs", ONE_GEMM, run + " -j 5000", "-j must be from 1 to 1024, got 5000"),
        new Case("jobs not a number", ONE_GEMM, run + " -j abc", "'-j': must be a whole number from 1 to 1024, got \"abc\""),
        new Case("shard index past the count", ONE_GEMM, run + " --shard 2/2",
            "'--shard': shard index must be from 0 to 1, got 2"),
        new Case("zero shards", ONE_GEMM, run + " --shard 0/0", "'--shard': shard count must be from 1 to"),
        new Case("shard not i/N", ONE_GEMM, run + " --shard x", "'--shard': must be i/N, whole numbers with 0 <= i < N"),
        new Case("missing spec file", ONE_GEMM, "run OUT/none.json --out OUT", "cannot read sweep file OUT/none.json"),
        new Case("output holding another sweep", ONE_GEMM, run, "--out OUT holds a different sweep"),
        new Case("output below a regular file", ONE_GEMM, "run SPEC --out FILE/sweep",
            "--out FILE/sweep: cannot be created: FILE is a file, not a folder"),
        new Case("output a regular file", ONE_GEMM, "run SPEC --out FILE", "--out FILE: is a file, not a folder"),
        new Case("merge of two different sweeps", ONE_GEMM, "merge --out DIR/merged SHARD_A SHARD_B",
            "SHARD_B holds a different sweep than SHARD_A"),
        new Case("merge of a folder without a sweep", ONE_GEMM, "merge --out DIR/merged FILE",
            "cannot read sweep file FILE/spec.json"),
        new Case("merge below a regular file", ONE_GEMM, "merge --out FILE/merged SHARD_A",
            "--out FILE/merged: cannot be created: FILE is a file, not a folder"),
        new Case("merge into another sweep", ONE_GEMM, "merge --out OUT SHARD_A", "--out OUT holds a different sweep"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputNamesTheFieldExitsTwoAndChangesNothing(Case row) throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("points"));
    Files.writeString(out.resolve("spec.json"), SweepSpec.parse("previous", gemmSpec(3)).toJson());
    Files.writeString(out.resolve("points/previous.json"), "{\"kept\": true}\n");
    Path shardA = shard("shard-a", gemmSpec(1));
    Path shardB = shard("shard-b", gemmSpec(2));
    Path file = Files.writeString(dir.resolve("file"), "a regular file\n");
    // Latin-1: one byte per character, so a row can hold a byte that is not UTF-8 (the others are ASCII).
    Path spec = Files.write(dir.resolve("spec.json"), row.spec().getBytes(StandardCharsets.ISO_8859_1));
    FolderSnapshot before = FolderSnapshot.of(dir);

    Map<String, Path> paths = Map.of(OUT, out, SPEC, spec, FILE, file, SHARD_A, shardA, SHARD_B, shardB, "DIR", dir);
    List<String> args = new ArrayList<>();
    for (String arg : row.args().split(" ")) {
      args.add(substitute(arg, paths));
    }
    StringWriter err = new StringWriter();
    CommandLine commandLine = SweepCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute(args.toArray(String[]::new));

    assertEquals(SweepCommand.BAD_INPUT, code, row.what() + ": " + err);
    for (String expected : row.expected()) {
      assertTrue(err.toString().contains(substitute(expected, paths)),
          row.what() + ": expected \"" + expected + "\" in: " + err);
    }
    assertEquals(List.of(), FolderSnapshot.of(dir).changesSince(before), row.what() + ": the folder changed");
  }

  private static String gemmSpec(int m) {
    return "{\"workloads\": [{\"m\": " + m + ", \"n\": 1, \"k\": 1}]}";
  }

  private Path shard(String name, String spec) throws IOException {
    Path shard = Files.createDirectories(dir.resolve(name));
    Files.writeString(shard.resolve("spec.json"), SweepSpec.parse(name, spec).toJson());
    return shard;
  }

  /** Longest names first, so SHARD_A is not read as SHARD followed by something. */
  private static String substitute(String text, Map<String, Path> paths) {
    String result = text;
    for (String name : paths.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      result = result.replace(name, paths.get(name).toString());
    }
    return result;
  }
}
