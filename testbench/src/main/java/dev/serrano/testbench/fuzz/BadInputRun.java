package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.cli.SerranoCli;
import dev.serrano.hdl.emit.FolderSnapshot;
import dev.serrano.testbench.sweep.SweepCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code scripts/fuzz --bad-input}: draws bad inputs ({@link GenerateInputs}, {@link SweepInputs}),
 * runs each in-process in a fresh working folder and checks it: exit code 2, a message holding what
 * the input expects (the parameter, field or option and what it allows; the file, line and column of
 * a syntax error), no Java stack trace or exception name, and the working folder byte for byte what
 * it was. One line per failing input with its seed and replay command; a summary with the counts per
 * command and per mutation.
 */
public final class BadInputRun {
  /** The exit code of bad input, for both command lines. */
  static final int BAD_INPUT = 2;
  private static final Pattern JAVA_INTERNALS = Pattern.compile(
      "(?m)^\\s+at [\\w$.]+\\(|Exception in thread|\\b(java|javax|com|dev|picocli)\\.[\\w$.]*(Exception|Error)\\b");
  /**
   * Every input's working folder: an output folder holding files (and another sweep), a regular file,
   * and two shard folders of different sweeps; plus the input's own file, if any.
   */
  private static final Map<String, String> FIXTURE = new TreeMap<>(Map.of(
      "out/precious.v", "module precious; endmodule\n",
      "out/spec.json", "{\"workloads\": [{\"name\": \"previous\", \"m\": 3, \"n\": 1, \"k\": 1}]}\n",
      "out/points/previous.json", "{\"kept\": true}\n",
      "file", "a regular file\n",
      "shard-a/spec.json", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}\n",
      "shard-b/spec.json", "{\"workloads\": [{\"m\": 2, \"n\": 1, \"k\": 1}]}\n"));

  private static final int PROCESS_TIMEOUT_SECONDS = 120;
  private static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "-o", "--constraints");
  private final Path work;
  private final PrintStream log;

  /**
   * @param work where each input's working folder is made (and deleted after it)
   * @param log where failing inputs and the summary go
   */
  public BadInputRun(Path work, PrintStream log) {
    this.work = work;
    this.log = log;
  }

  /**
   * {@code scripts/fuzz --bad-input}: {@code count} inputs from {@code seed} (null: from the clock), or
   * the one input whose seed {@code replay} gives, in {@code work} (null: a new temporary folder);
   * returns 0 when every input was refused as it should be, 1 otherwise, 2 for bad options.
   */
  static int main(Path work, int count, Long seed, String replay, PrintStream log) throws IOException {
    List<Long> seeds;
    if (replay != null) {
      try {
        seeds = List.of(Long.parseLong(replay.trim()));
      } catch (NumberFormatException e) {
        System.err.println("fuzz: error: --replay with --bad-input must be an input's seed (a 64-bit integer), got \""
            + replay + "\"");
        return FuzzMain.BAD_INPUT;
      }
      BadInput input = draw(seeds.get(0));
      log.println("bad input: replay of seed " + seeds.get(0) + ": " + input.command() + " / " + input.kind());
    } else {
      if (count < 1 || count > 1_000_000) {
        System.err.println("fuzz: error: --count must be from 1 to 1000000, got " + count);
        return FuzzMain.BAD_INPUT;
      }
      long chosenSeed = seed != null ? seed : System.nanoTime();
      seeds = seeds(chosenSeed, count);
      log.println("bad input: " + count + " inputs, seed " + chosenSeed + " (scripts/fuzz --bad-input --count "
          + count + " --seed " + chosenSeed + ")");
    }
    Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("serrano-bad-input");
    List<Outcome> outcomes;
    try {
      outcomes = new BadInputRun(folder, log).run(seeds);
    } finally {
      if (work == null) {
        deleteTree(folder);
      }
    }
    return outcomes.stream().allMatch(Outcome::passed) ? FuzzMain.OK : FuzzMain.CASES_FAILED;
  }

  /** The input that {@code seed} names: serrano generate three times in five, a sweep otherwise. */
  public static BadInput draw(long seed) {
    Random random = new Random(seed);
    return random.nextInt(5) < 3 ? GenerateInputs.draw(seed, random) : SweepInputs.draw(seed, random);
  }

  /** The seeds of {@code count} inputs from {@code seed}. */
  public static List<Long> seeds(long seed, int count) {
    Random seeds = new Random(seed);
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(seeds.nextLong());
    }
    return all;
  }

  /** The outcome of one input: what was wrong with how it was refused, empty when nothing. */
  public record Outcome(BadInput input, List<String> problems) {
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /** Runs the inputs of {@code seeds}, logging each failure and the summary; returns the outcomes. */
  public List<Outcome> run(List<Long> seeds) throws IOException {
    long start = System.nanoTime();
    List<Outcome> outcomes = new ArrayList<>();
    for (long seed : seeds) {
      Outcome outcome = check(draw(seed));
      outcomes.add(outcome);
      if (!outcome.passed()) {
        log.println(failureLine(outcome));
      }
    }
    log.println(summary(outcomes, (System.nanoTime() - start) / 1e9));
    return outcomes;
  }

  /** Runs one input in a fresh working folder and checks how it was refused. */
  public Outcome check(BadInput input) throws IOException {
    Path dir = Files.createTempDirectory(work, "input-");
    try {
      for (Map.Entry<String, String> file : FIXTURE.entrySet()) {
        Files.createDirectories(dir.resolve(file.getKey()).getParent());
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
      if (input.file() != null) {
        Files.write(dir.resolve("input.json"), input.file());
      }
      FolderSnapshot before = FolderSnapshot.of(dir);
      String[] args = input.args().stream().map(arg -> arg.replace(BadInput.DIR, dir.toString()))
          .toArray(String[]::new);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = emptyOutputFolder(args) ? executeAsProcess(input, args, dir, out, err) : execute(input, args, out, err);
      List<String> problems = new ArrayList<>();
      if (code != BAD_INPUT) {
        problems.add("exit code " + code + ", expected " + BAD_INPUT);
      }
      String message = err.toString();
      for (String expected : input.expected()) {
        String text = expected.replace(BadInput.DIR, dir.toString());
        if (!message.contains(text)) {
          problems.add("the message lacks \"" + text + "\"");
        }
      }
      if (JAVA_INTERNALS.matcher(out + message).find()) {
        problems.add("Java internals (a stack trace or exception name) in the output");
      }
      List<String> changes = FolderSnapshot.of(dir).changesSince(before);
      if (!changes.isEmpty()) {
        problems.add("the working folder changed: " + String.join(", ", changes));
      }
      if (!problems.isEmpty()) {
        problems.add("output: " + (out + message).strip().replace(dir.toString(), BadInput.DIR)
            .replace("\n", "\n    "));
      }
      return new Outcome(input, problems);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * The command in-process, its stdout and stderr captured; anything printed to System.out or
   * System.err around the command line's writers counts as its output too.
   */
  private static int execute(BadInput input, String[] args, StringWriter out, StringWriter err) {
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    PrintStream strayStream = new PrintStream(stray, true, StandardCharsets.UTF_8);
    System.setOut(strayStream);
    System.setErr(strayStream);
    try {
      PrintWriter outWriter = new PrintWriter(out, true);
      PrintWriter errWriter = new PrintWriter(err, true);
      if (input.serrano()) {
        return SerranoCli.run(outWriter, errWriter, args);
      }
      CommandLine commandLine = SweepCommand.commandLine();
      commandLine.setOut(outWriter);
      commandLine.setErr(errWriter);
      return commandLine.execute(args);
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
      err.write(stray.toString(StandardCharsets.UTF_8));
    }
  }

  /** Whether an option naming a folder to write is given an empty path, which resolves to the working folder. */
  private static boolean emptyOutputFolder(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (OUTPUT_OPTIONS.contains(args[i]) && args[i + 1].isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The command in a process of its own whose working folder is the input's: for an input whose
   * output folder is an empty path, so that a command taking it for the working folder replaces
   * what the check looks at, not the fuzzer's own working folder.
   */
  private int executeAsProcess(BadInput input, String[] args, Path dir, StringWriter out, StringWriter err)
      throws IOException {
    List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        (input.serrano() ? SerranoCli.class : SweepCommand.class).getName()));
    line.addAll(List.of(args));
    Path stdout = Files.createTempFile(work, "stdout-", ".txt");
    Path stderr = Files.createTempFile(work, "stderr-", ".txt");
    try {
      Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile()).start();
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        err.write("(no exit after " + PROCESS_TIMEOUT_SECONDS + " s: killed)\n");
      }
      out.write(Files.readString(stdout));
      err.write(Files.readString(stderr));
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + String.join(" ", line), e);
    } finally {
      Files.delete(stdout);
      Files.delete(stderr);
    }
  }

  static String failureLine(Outcome outcome) {
    BadInput input = outcome.input();
    return "FAIL seed=" + input.seed() + " " + input.command() + " / " + input.kind() + ": "
        + String.join("; ", outcome.problems()) + "\n  args: " + String.join(" ", input.args().stream()
            .map(BadInputRun::quoted).toList()) + "\n  replay: " + input.replayCommand();
  }

  private static String quoted(String arg) {
    return arg.isEmpty() || arg.matches(".*[\\s\"'].*") ? "'" + arg + "'" : arg;
  }

  /** "bad input: N inputs, F failed, ... s; serrano generate N (F failed), ...; by mutation: kind N, ...". */
  static String summary(List<Outcome> outcomes, double seconds) {
    Map<String, int[]> byCommand = new TreeMap<>();
    Map<String, int[]> byKind = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      count(byCommand, outcome.input().command(), outcome.passed());
      count(byKind, outcome.input().command() + " / " + outcome.input().kind(), outcome.passed());
    }
    long failed = outcomes.stream().filter(outcome -> !outcome.passed()).count();
    return String.format("bad input: %d inputs, %d failed, %.1f s%n  by command: %s%n  by mutation: %s",
        outcomes.size(), failed, seconds, counts(byCommand), counts(byKind));
  }

  private static void count(Map<String, int[]> counts, String key, boolean passed) {
    int[] count = counts.computeIfAbsent(key, k -> new int[2]);
    count[0]++;
    count[1] += passed ? 0 : 1;
  }

  private static String counts(Map<String, int[]> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((key, count) -> parts.add(key + " " + count[0] + (count[1] > 0 ? " (" + count[1] + " failed)" : "")));
    return String.join(", ", parts);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
