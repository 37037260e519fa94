package dev.serrano.testbench.fuzz;

import java.util.List;

/**
 * One invalid input to a command line, derived from a valid one by one mutation, with what its
 * error message must hold. Paths in {@link #args} and {@link #expected} are written with {@link
 * #DIR} for the working folder the input runs in ({@link BadInputRun} lays it out).
 *
 * @param seed the seed the input was drawn from; {@code scripts/fuzz --bad-input --replay=SEED} runs it again (with "=": a seed may be negative)
 * @param command {@link #GENERATE}, {@link #SYNTH}, {@link #PNR}, {@link #LINT}, {@link #SWEEP_RUN} or {@link #SWEEP_MERGE}
 * @param kind the mutation, for the summary's counts
 * @param args the arguments after the program's name, the subcommand first
 * @param file the bytes of {@code DIR/input.json} (a configuration or sweep spec), or null for none
 * @param expected what the message must hold: the parameter, field or option and what it allows
 */
public record BadInput(long seed, String command, String kind, List<String> args, byte[] file, List<String> expected) {
  public static final String GENERATE = "serrano generate";
  /** Refused before Yosys runs, as generate refuses them (the same catalog and output checks). */
  public static final String SYNTH = "serrano synth";
  /** Refused before Yosys and nextpnr run. */
  public static final String PNR = "serrano pnr";
  public static final String LINT = "serrano lint";
  public static final String SWEEP_RUN = "sweep run";
  public static final String SWEEP_MERGE = "sweep merge";
  /** Stands for the working folder in arguments and expected text. */
  public static final String DIR = "{dir}";
  /** The configuration or spec file, when the input has one. */
  public static final String FILE = DIR + "/input.json";

  public BadInput {
    if (!List.of(GENERATE, SYNTH, PNR, LINT, SWEEP_RUN, SWEEP_MERGE).contains(command)) {
      throw new IllegalArgumentException("unknown command " + command);
    }
    args = List.copyOf(args);
    expected = List.copyOf(expected);
  }

  /** Whether {@code serrano} (rather than {@code scripts/sweep}) runs it. */
  public boolean serrano() {
    return command.startsWith("serrano ");
  }

  /** The one command that runs this input again, alone. */
  public String replayCommand() {
    return "scripts/fuzz --bad-input --replay=" + seed;
  }
}
