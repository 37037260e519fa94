package dev.serrano.testbench.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One fault injected into an accelerator ({@link FaultRunner}): the kind of fault and the
 * configuration it hits, whose seed draws everything else (the jobs, the failing range and its
 * response, the latencies, the cycle of a reset, the stuck channel). The text form {@code kind
 * accelerator k=v ... seed=S} names it completely; {@code scripts/fuzz --faults --replay "<text>"}
 * runs it again, alone.
 *
 * @param fault what goes wrong
 * @param configuration an {@code accelerator} configuration and the scenario's seed
 */
public record FaultScenario(Fault fault, FuzzCase configuration) {
  /** The kinds of fault, each checked as docs/hardening.md ("Fault injection") describes. */
  public enum Fault {
    /** SLVERR or DECERR on the reads of a random range inside the rows a job loads. */
    READ_ERROR,
    /** SLVERR or DECERR on the writes of a random range inside the rows a job stores. */
    WRITE_ERROR,
    /** Read and write latencies in the thousands of cycles and random stalls on every channel. */
    STALLS,
    /** A reset of a few cycles while a read burst's data is on the bus. */
    RESET_IN_READ,
    /** A reset of a few cycles while a write burst's beats are offered. */
    RESET_IN_WRITE,
    /** AR, AW or W never ready: the job must fail naming the cycle and the stuck channel. */
    HANG;

    /** The lower-case name the text form uses. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Fault parse(String text) {
      for (Fault fault : values()) {
        if (fault.text().equals(text)) {
          return fault;
        }
      }
      throw new IllegalArgumentException("a fault scenario starts with one of " + List.of(values()).stream()
          .map(Fault::text).toList() + ", got \"" + text + "\"");
    }
  }

  public FaultScenario {
    if (!configuration.top().equals(FuzzCase.ACCELERATOR)) {
      throw new IllegalArgumentException("faults are injected into an accelerator, got \"" + configuration.top()
          + "\"");
    }
  }

  /** Parses the text form {@code kind accelerator k=v ... seed=S}. */
  public static FaultScenario parse(String text) {
    String trimmed = text.trim();
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("a fault scenario is \"kind accelerator key=value ... seed=S\", got \""
          + text + "\"");
    }
    return new FaultScenario(Fault.parse(trimmed.substring(0, space)), FuzzCase.parse(trimmed.substring(space + 1)));
  }

  /**
   * {@code count} scenarios from {@code seed}: each picks one of {@code configurations} (so few
   * Verilator builds serve many scenarios), a fault kind and its own seed, in that order from
   * the run's stream.
   */
  public static List<FaultScenario> random(long seed, int count, List<Map<String, String>> configurations) {
    Random seeds = new Random(seed);
    List<FaultScenario> scenarios = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> parameters = configurations.get(seeds.nextInt(configurations.size()));
      Fault fault = Fault.values()[seeds.nextInt(Fault.values().length)];
      long scenarioSeed = seeds.nextLong();
      scenarios.add(new FaultScenario(fault, new FuzzCase(FuzzCase.ACCELERATOR, parameters, scenarioSeed)));
    }
    return scenarios;
  }

  /** The scenario's seed (its configuration's). */
  public long seed() {
    return configuration.seed();
  }

  /** {@code kind accelerator k=v ... seed=S}, what {@link #parse} reads. */
  @Override
  public String toString() {
    return fault.text() + " " + configuration;
  }

  /** The one command that runs this scenario again. */
  public String replayCommand() {
    return "scripts/fuzz --faults --replay \"" + this + "\"";
  }
}
