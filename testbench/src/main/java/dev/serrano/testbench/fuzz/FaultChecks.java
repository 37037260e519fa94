package dev.serrano.testbench.fuzz;

import dev.serrano.testbench.accel.AcceleratorDriver;
import dev.serrano.testbench.sim.AxiChannel;
import dev.serrano.testbench.sim.AxiCounters;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host must see after an injected fault, checked through the accelerator's registers and
 * the memory model's counters; each check throws a {@link CaseFailure} of stage FAULT saying what
 * it saw. Shared by the fault campaign ({@link FaultRunner}) and {@code FaultInjectionTest}.
 */
public final class FaultChecks {
  private FaultChecks() {}

  /**
   * After a job whose {@code reads} (or writes) of {@code [low, high)} were answered {@code response}:
   * its error event is set and no other error event; the reported address is bus-aligned (the
   * engines' bursts are) and starts a burst (at most {@code burstBytes}) that touches the range,
   * or lies in one (a load reports its first failing beat); the reported response is
   * {@code response}; the interrupt is raised if enabled for the event; the memory model answered
   * errors in that direction only.
   *
   * @return the reported address
   */
  public static long requireErrorReported(AcceleratorDriver driver, boolean reads, AxiResponse response, long low,
      long high, long burstBytes) {
    AxiLiteMaster host = driver.host();
    String event = reads ? "load_error" : "store_error";
    long events = driver.events();
    require((events & driver.eventMask(event)) != 0, event + " is not set: events 0x" + Long.toHexString(events));
    long unrelated = driver.eventMask(reads ? "store_error" : "load_error") | driver.eventMask("opcode_error");
    require((events & unrelated) == 0, "an event besides " + event + ": events 0x" + Long.toHexString(events));
    long address = host.read(reads ? "load_error_addr" : "store_error_addr");
    String range = "[0x" + Long.toHexString(low) + ", 0x" + Long.toHexString(high) + ")";
    int busBytes = driver.shape().busBytes();
    require(address % busBytes == 0 && address < high && address + burstBytes > low, event + " address 0x"
        + Long.toHexString(address) + " is no bus-aligned beat of a burst of at most " + burstBytes
        + " bytes touching " + range);
    long code = host.registers().field("error_resp", reads ? "load" : "store").extract(host.read("error_resp"));
    require(code == response.code(), "error_resp." + (reads ? "load" : "store") + " is " + code + ", the range"
        + " answered " + response + " (" + response.code() + ")");
    if ((host.read("irq_enable") & driver.eventMask(event)) != 0) {
      require(driver.simulation().port("irq").get() == 1, "irq is low although " + event + " is set and enabled");
    }
    AxiCounters counters = driver.memory().counters();
    require((reads ? counters.readErrors() : counters.writeErrors()) > 0
        && (reads ? counters.writeErrors() : counters.readErrors()) == 0,
        "the model answered errors in the other direction or none: " + counters);
    return address;
  }

  /** No error event (a fence or config event may be set). */
  public static void requireNoErrorEvent(AcceleratorDriver driver, String where) {
    long events = driver.events();
    long errors = driver.eventMask("load_error") | driver.eventMask("store_error") | driver.eventMask("opcode_error");
    require((events & errors) == 0, "an error event " + where + ": events 0x" + Long.toHexString(events));
  }

  /** After a reset: busy, load_busy and store_busy clear, and no event at all (not even fence). */
  public static void requireIdleWithoutEvents(AcceleratorDriver driver, String where) {
    long status = driver.host().read("status");
    for (String busy : List.of("busy", "load_busy", "store_busy")) {
      require(driver.host().registers().field("status", busy).extract(status) == 0, "status." + busy + " is set "
          + where + ": status 0x" + Long.toHexString(status));
    }
    long events = driver.events();
    require(events == 0, "an event " + where + ": events 0x" + Long.toHexString(events));
  }

  /**
   * A hang's message ({@link AcceleratorDriver#runSteps}) names the cycle it gave up at, no
   * earlier than {@code maxCycles}, and {@code channel} as valid without ready with its stall cycles.
   *
   * @return the cycle named
   */
  public static long requireHangNamed(String message, long maxCycles, AxiChannel channel) {
    Matcher cycle = Pattern.compile("within " + maxCycles + " cycles: at cycle (\\d+), ").matcher(message);
    require(cycle.find(), "the hang does not name its cycle: " + message);
    long at = Long.parseLong(cycle.group(1));
    require(at >= maxCycles, "the hang names cycle " + at + ", before its limit of " + maxCycles + ": " + message);
    Matcher stuck = Pattern.compile("\\b" + channel + " valid without ready \\((\\d+) stall cycles so far\\)")
        .matcher(message);
    require(stuck.find() && Long.parseLong(stuck.group(1)) > 0, "the hang does not name " + channel
        + " as stuck: " + message);
    return at;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new CaseFailure(CaseFailure.Stage.FAULT, message);
    }
  }
}
