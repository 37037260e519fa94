package dev.serrano.testbench.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AXI memory model saw the design break the AXI4 protocol; the simulation has ended. The message
 * reads {@code "<bus>: cycle <n>, channel <C>: <what>"}, followed by the design and the action.
 * The cycle is the number of cycles completed before the offending rising edge, which was not
 * evaluated: {@link Simulation#cycle()} equals it.
 */
public class AxiProtocolException extends SimulationException {

  private static final Pattern FORMAT = Pattern.compile("^(\\w+): cycle (\\d+), channel (AR|AW|W|R|B): (.*)$");

  private final String bus;
  private final long cycle;
  private final AxiChannel channel;
  private final String problem;

  AxiProtocolException(String nativeMessage, String context) {
    super(nativeMessage + " " + context);
    Matcher m = FORMAT.matcher(nativeMessage);
    if (!m.matches()) {
      throw new IllegalStateException("AXI violation message in an unknown format: " + nativeMessage);
    }
    this.bus = m.group(1);
    this.cycle = Long.parseLong(m.group(2));
    this.channel = AxiChannel.valueOf(m.group(3));
    this.problem = m.group(4);
  }

  public String bus() {
    return bus;
  }

  public long cycle() {
    return cycle;
  }

  public AxiChannel channel() {
    return channel;
  }

  /** What was wrong, e.g. "WLAST low on beat 4 of a 4-beat burst (AWLEN 3, AWADDR 0x1000, AWSIZE 3)". */
  public String problem() {
    return problem;
  }
}
