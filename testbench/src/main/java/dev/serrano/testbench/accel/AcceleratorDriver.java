package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.accel.Accelerator;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiLiteResult;
import dev.serrano.testbench.sim.AxiMemoryModel;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's side of a simulated {@code accelerator}, through its registers only: the native
 * AXI4-Lite master on {@code s_axi} writes commands and registers by the names of the generated
 * register map, and main memory is the native AXI4 memory model on {@code m_axi}. The array's shape
 * and memory sizes are read back from the hardware's configuration registers, so one driver serves
 * every configuration.
 *
 * <p>A program (command words, ending with a FENCE) goes out in one native batch: its command
 * writes (a write waits while the command FIFO is full) and then a poll of the {@code fence} event,
 * so a whole layer runs without a JNA call per command or per cycle.
 */
public final class AcceleratorDriver {
  private static final int WORDS = 4;

  /** What the hardware says about itself (configuration readback). */
  public record Shape(int rows, int cols, int spBanks, int spRows, int spRowBytes, int accBanks, int accRows,
      int busBytes, int queueDepth, int maxTokens) {}

  /** One finished program: cycles from its first command write to the fence event, and the counters. */
  public record Run(long cycles, Map<String, Long> counters) {
    public long counter(String name) {
      Long value = counters.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no counter " + name + " (known: " + counters.keySet() + ")");
      }
      return value;
    }
  }

  private final Simulation sim;
  private final AxiLiteMaster host;
  private final AxiMemoryModel memory;
  private final Shape shape;

  public AcceleratorDriver(Simulation sim) {
    this.sim = sim;
    this.host = sim.axiLite("s_axi");
    this.memory = sim.axi("m_axi");
    long id = host.read("id");
    if (id >>> 16 != Accelerator.MAGIC) {
      throw new IllegalStateException("s_axi does not answer as a Serrano accelerator: id register 0x"
          + Long.toHexString(id));
    }
    this.shape = new Shape((int) field("array_shape", "rows"), (int) field("array_shape", "cols"),
        (int) field("scratchpad", "banks"), 1 << field("scratchpad", "log2_rows"), (int) field("scratchpad", "row_bytes"),
        (int) field("accumulator", "banks"), 1 << field("accumulator", "log2_rows"), (int) field("bus", "data_bytes"),
        (int) field("queues", "depth"), (int) field("queues", "max_tokens"));
  }

  public Shape shape() {
    return shape;
  }

  public AxiLiteMaster host() {
    return host;
  }

  public AxiMemoryModel memory() {
    return memory;
  }

  public Simulation simulation() {
    return sim;
  }

  /**
   * Runs a program to its closing FENCE: clears the fence event, writes every command, waits for
   * the event; fails if it does not come within {@code maxCycles}.
   */
  public Run run(List<BigInteger> program, long maxCycles) {
    Map<String, Long> before = counters();
    AxiLiteMaster.Batch batch = host.batch().write("events", eventMask("fence"));
    List<Long> offsets = host.registers().commandWords("cmd").stream().map(r -> r.offset()).toList();
    for (BigInteger command : program) {
      for (int i = 0; i < WORDS; i++) {
        batch.write(offsets.get(i), command.shiftRight(32 * i).longValue() & 0xffff_ffffL);
      }
    }
    long fence = eventMask("fence");
    long start = sim.cycle();
    batch.poll(host.registers().offset("events"), fence, fence, maxCycles);
    List<AxiLiteResult> results = batch.run(maxCycles + 1024L * (program.size() + 1));
    AxiLiteResult last = results.get(results.size() - 1);
    if (last.response() != AxiResponse.OKAY || (last.value() & fence) == 0) {
      throw new IllegalStateException("the accelerator did not reach the program's FENCE within " + maxCycles
          + " cycles (events 0x" + Long.toHexString(last.value()) + ", status 0x" + Long.toHexString(host.read("status"))
          + ")");
    }
    long cycles = sim.cycle() - start;
    Map<String, Long> after = counters();
    Map<String, Long> delta = new LinkedHashMap<>();
    after.forEach((name, value) -> delta.put(name, value - before.get(name)));
    return new Run(cycles, delta);
  }

  /** Every performance counter (reading each LO register latches its HI half). */
  public Map<String, Long> counters() {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String counter : Accelerator.COUNTERS) {
      long low = host.read(counter + "_lo");
      long high = host.read(counter + "_hi");
      values.put(counter, high << 32 | low);
    }
    return values;
  }

  /** The sticky event flags. */
  public long events() {
    return host.read("events");
  }

  public long eventMask(String event) {
    return host.registers().field("events", event).mask();
  }

  /** Clears the given events (write 1 to clear). */
  public void clearEvents(long mask) {
    host.write("events", mask);
  }

  /**
   * Writes the shadow post-processing registers; a CONFIG command in the program makes them active
   * for the stores queued after it.
   */
  public void writePostProcessing(PostProcessing parameters) {
    if (parameters.bias().length != shape.cols()) {
      throw new IllegalArgumentException("post-processing needs " + shape.cols() + " columns of parameters, got "
          + parameters.bias().length);
    }
    AxiLiteMaster.Batch batch = host.batch()
        .write("pp_control", parameters.requantize() ? 1 : 0)
        .write("pp_zero_point", parameters.zeroPoint())
        .write("pp_clamp_min", parameters.clampMin())
        .write("pp_clamp_max", parameters.clampMax());
    for (int k = 0; k < shape.cols(); k++) {
      batch.write("pp_bias_" + k, parameters.bias()[k])
          .write("pp_multiplier_" + k, parameters.multiplier()[k])
          .write("pp_shift_" + k, parameters.shift()[k] & 0xff);
    }
    batch.run(1_000_000).forEach(r -> {
      if (r.response() != AxiResponse.OKAY) {
        throw new IllegalStateException("post-processing register write at 0x" + Long.toHexString(r.address())
            + " answered " + r.response());
      }
    });
  }

  private long field(String register, String field) {
    return host.registers().field(register, field).extract(host.read(register));
  }
}
