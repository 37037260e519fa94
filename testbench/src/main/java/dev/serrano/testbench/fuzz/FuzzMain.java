package dev.serrano.testbench.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/fuzz}: checks random valid configurations ({@link ConfigurationGenerator}), the
 * resize matrix ({@link ResizeMatrix}) or one replayed case with {@link CaseRunner}: generate, lint,
 * Yosys check, Verilator build and random GEMMs bit-exact; or, with {@code --faults}, runs the fault
 * campaign ({@link FaultCampaign}). Every case line carries its seed; a failure prints the one
 * command that replays it.
 *
 * <p>Exit codes: 0 every case passed, 1 some case failed, 2 bad input.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generator fuzzing, the resize matrix and the fault campaign (docs/hardening.md).")
public final class FuzzMain implements Callable<Integer> {
  static final int OK = 0;
  static final int CASES_FAILED = 1;
  static final int BAD_INPUT = 2;

  @Option(names = "--count", paramLabel = "N", description = "random configurations, accelerator and pe_array"
      + " alternating (default 100)")
  int count = 100;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the configurations (default: from the clock,"
      + " printed)")
  Long seed;

  @Option(names = "--small", description = "small arrays and memories (the test suite's limits)")
  boolean small;

  @Option(names = "--resize", description = "the resize matrix instead: every rows x cols from 2 to 16 and larger"
      + " and rectangular shapes")
  boolean resize;

  @Option(names = "--faults", description = "the fault campaign instead: error responses, long stalls, resets in the"
      + " middle of a transfer and hangs, injected into random accelerators, each followed by a job checked"
      + " bit-exact (--count scenarios, default 100)")
  boolean faults;

  @Option(names = "--tops", split = ",", paramLabel = "TOP", description = "resize: pe_array, accelerator (default"
      + " both)")
  List<String> tops = List.of(FuzzCase.PE_ARRAY, FuzzCase.ACCELERATOR);

  @Option(names = "--types", split = ",", paramLabel = "T", description = "resize: pe_array element types, t or"
      + " INPUTxWEIGHT (default s4,s8,s16,u4,u8,u16)")
  List<String> types = ResizeMatrix.ALL_TYPES;

  @Option(names = "--max-side", paramLabel = "N", description = "resize: only shapes with rows and cols <= N"
      + " (default: all)")
  int maxSide = Integer.MAX_VALUE;

  @Option(names = "--sample", paramLabel = "N", description = "resize: a random N of the matrix's cases (default:"
      + " all)")
  int sample;

  @Option(names = "--bad-input", description = "bad inputs instead: --count invalid inputs to serrano generate and"
      + " scripts/sweep, each refused with exit code 2, a message naming what is wrong and nothing written"
      + " (--replay SEED runs one)")
  boolean badInput;

  @Option(names = "--replay", paramLabel = "CASE", description = "run one case, \"top k=v ... seed=S\" (with"
      + " --faults: \"kind accelerator k=v ... seed=S\"), as a failure prints it")
  String replay;

  @Option(names = "--icarus", description = "also record each accelerator case's run as a trace and replay it under"
      + " Icarus Verilog: same register results, memory and cycles, no unknown output after reset (its GEMMs run"
      + " without AXI stalls, which the Icarus bench does not model)")
  boolean icarus;

  @Option(names = "--gemms", paramLabel = "N", description = "random GEMMs per case (default 4)")
  int gemms = 4;

  @Option(names = "-j", paramLabel = "N", description = "cases at once (default 1)")
  int jobs = 1;

  @Option(names = "--work", paramLabel = "DIR", description = "where case folders go; failing ones are kept"
      + " (default: a new temporary folder)")
  Path work;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec command;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new FuzzMain()).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (badInput) {
      if (faults) {
        System.err.println("fuzz: error: --bad-input and --faults are two runs; give one");
        return BAD_INPUT;
      }
      return BadInputRun.main(work, count, seed, replay, out);
    }
    List<FuzzCase> cases = List.of();
    List<FaultScenario> scenarios = List.of();
    long chosenSeed = seed != null ? seed : System.nanoTime();
    try {
      requireRange("--count", count, 1, 100_000);
      requireRange("--gemms", gemms, 1, 1000);
      requireRange("-j", jobs, 1, 64);
      if (faults) {
        scenarios = scenarios(chosenSeed);
      } else {
        cases = cases(chosenSeed);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("fuzz: error: " + e.getMessage());
      return BAD_INPUT;
    }
    Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("serrano-fuzz");
    long start = System.nanoTime();
    if (faults) {
      out.println("fuzz: " + (replay != null ? "replay of one fault scenario" : "fault campaign, "
          + scenarios.size() + " scenarios on " + FaultCampaign.CONFIGURATIONS + " random accelerator"
          + " configurations (small limits)") + ", seed " + chosenSeed + ", -j " + jobs);
      List<FaultRunner.Outcome> outcomes = new FaultCampaign(jobs, folder, out).run(scenarios);
      out.println(FaultCampaign.summary(outcomes, (System.nanoTime() - start) / 1e9));
      return outcomes.stream().allMatch(FaultRunner.Outcome::passed) ? OK : CASES_FAILED;
    }
    out.println(description(chosenSeed, cases.size()));
    List<CaseRunner.Outcome> outcomes = new FuzzRun(new CaseRunner(gemms, icarus), jobs, folder, out).run(cases);
    out.println(FuzzSummary.of(outcomes, (System.nanoTime() - start) / 1e9));
    return outcomes.stream().allMatch(CaseRunner.Outcome::passed) ? OK : CASES_FAILED;
  }

  private List<FaultScenario> scenarios(long chosenSeed) {
    if (resize || small || icarus) {
      throw new IllegalArgumentException("--faults runs its own small configurations; it takes no "
          + (resize ? "--resize" : small ? "--small" : "--icarus"));
    }
    return replay != null ? List.of(FaultScenario.parse(replay)) : FaultCampaign.scenarios(chosenSeed, count);
  }

  private List<FuzzCase> cases(long chosenSeed) {
    if (replay != null) {
      return List.of(FuzzCase.parse(replay));
    }
    if (!resize) {
      return new ConfigurationGenerator(small ? ConfigurationGenerator.Limits.SMALL
          : ConfigurationGenerator.Limits.FULL).cases(chosenSeed, count);
    }
    for (String top : tops) {
      if (!top.equals(FuzzCase.PE_ARRAY) && !top.equals(FuzzCase.ACCELERATOR)) {
        throw new IllegalArgumentException("--tops must list pe_array and/or accelerator, got \"" + top + "\"");
      }
    }
    List<int[]> shapes = ResizeMatrix.shapes().stream().filter(s -> s[0] <= maxSide && s[1] <= maxSide).toList();
    List<FuzzCase> all = ResizeMatrix.cases(chosenSeed, shapes, types, tops.contains(FuzzCase.PE_ARRAY),
        tops.contains(FuzzCase.ACCELERATOR));
    return sample <= 0 ? all : sample(all, sample, chosenSeed);
  }

  /** {@code count} of {@code cases} (all if fewer), chosen at random from {@code seed}, in the matrix's order. */
  static List<FuzzCase> sample(List<FuzzCase> cases, int count, long seed) {
    if (count >= cases.size()) {
      return cases;
    }
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      indices.add(i);
    }
    Collections.shuffle(indices, new Random(seed));
    return indices.subList(0, count).stream().sorted().map(cases::get).toList();
  }

  private String description(long chosenSeed, int cases) {
    String what = replay != null ? "replay of one case"
        : resize ? "resize matrix (" + String.join(", ", tops) + (tops.contains(FuzzCase.PE_ARRAY)
            ? "; pe_array types " + String.join(", ", types) : "")
            + (sample > 0 ? "; a sample of " + sample : "") + ")"
        : "random configurations (" + (small ? "small" : "full") + " limits)";
    return "fuzz: " + what + ", " + cases + " cases, " + gemms + " GEMMs each" + (icarus
        ? " (accelerators replayed under Icarus)" : "") + ", seed " + chosenSeed + ", -j " + jobs;
  }

  private static void requireRange(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ", got " + value);
    }
  }
}
