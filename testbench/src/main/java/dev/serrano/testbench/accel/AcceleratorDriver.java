package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.accel.Accelerator;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiLiteResult;
import dev.serrano.testbench.sim.AxiMemoryModel;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.model.Requantize.RowConfig;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.design.RegisterMapSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
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
 * so a whole layer runs without a JNA call per command or per cycle. {@link #gemm} hands a whole GEMM
 * to the hardware's GEMM sequencer instead: three command words, whatever its size.
 */
public final class AcceleratorDriver {
  private static final int WORDS = 4;

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
  private final AcceleratorShape shape;
  private final int queueDepth;
  private final int maxTokens;

  public AcceleratorDriver(Simulation sim) {
    this.sim = sim;
    this.host = sim.axiLite("s_axi");
    this.memory = sim.axi("m_axi");
    long id = host.read("id");
    if (id >>> 16 != Accelerator.MAGIC) {
      throw new IllegalStateException("s_axi does not answer as a Serrano accelerator: id register 0x"
          + Long.toHexString(id));
    }
    this.shape = new AcceleratorShape((int) field("array_shape", "rows"), (int) field("array_shape", "cols"),
        (int) field("scratchpad", "banks"), 1 << field("scratchpad", "log2_rows"), (int) field("accumulator", "banks"),
        1 << field("accumulator", "log2_rows"), (int) field("bus", "data_bytes"));
    if (shape.spRowBytes() != field("scratchpad", "row_bytes")) {
      throw new IllegalStateException("scratchpad rows of " + field("scratchpad", "row_bytes") + " bytes, expected "
          + shape.spRowBytes() + " (int8 elements only)");
    }
    this.queueDepth = (int) field("queues", "depth");
    this.maxTokens = (int) field("queues", "max_tokens");
  }

  /** The array and memory sizes, read back from the hardware. */
  public AcceleratorShape shape() {
    return shape;
  }

  public int queueDepth() {
    return queueDepth;
  }

  public int maxTokens() {
    return maxTokens;
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

  /** Runs a program of plain command words (no post-processed stores) to its closing FENCE. */
  public Run run(List<BigInteger> program, long maxCycles) {
    return runSteps(program.stream().map(word -> new ProgramStep(word, null)).toList(), maxCycles);
  }

  /**
   * Runs a program to its closing FENCE, in one native batch: clears the fence and config events,
   * writes every command, and polls for the fence event; fails if it does not come within
   * {@code maxCycles}. Before a STORE whose post-processing differs from the last one, the batch
   * writes the shadow registers and a CONFIG; as the shadows hold one set, it first waits for the
   * previous CONFIG's event (the commands queued after that CONFIG keep the units busy meanwhile).
   */
  public Run runSteps(List<ProgramStep> program, long maxCycles) {
    Map<String, Long> before = counters();
    long fence = eventMask("fence");
    long config = eventMask("config");
    AxiLiteMaster.Batch batch = host.batch().write("events", fence | config);
    List<Long> offsets = host.registers().commandWords("cmd").stream().map(r -> r.offset()).toList();
    long events = host.registers().offset("events");
    RowConfig active = null;
    // The batch index of each command's last word, to name the command a full queue holds back.
    List<Integer> commandEnds = new ArrayList<>();
    for (ProgramStep step : program) {
      RowConfig wanted = step.postProcessing();
      if (wanted != null && !sameParameters(wanted, active)) {
        if (active != null) {
          batch.poll(events, config, config, maxCycles).write(events, config);
        }
        writePostProcessing(batch, wanted);
        command(batch, offsets, CommandFormat.encode(CommandFormat.Opcode.CONFIG.code, Map.of()));
        active = wanted;
      }
      command(batch, offsets, step.word());
      commandEnds.add(batch.size() - 1);
    }
    long start = sim.cycle();
    batch.poll(events, fence, fence, maxCycles);
    int operations = batch.size();
    batch.submit();
    boolean idle = host.awaitIdle(maxCycles + 1024L * (program.size() + 1));
    List<AxiLiteResult> results = host.collect();
    for (int i = 0; i < results.size(); i++) {
      AxiLiteResult r = results.get(i);
      if (r.response() != AxiResponse.OKAY) {
        throw new IllegalStateException(hang(maxCycles, "the host's operation " + i + " of " + operations
            + " was answered " + r.response() + " (" + r + ")", true));
      }
      if (r.operation() == AxiLiteMaster.Operation.POLL && !r.matched()) {
        String event = i == operations - 1 ? "FENCE" : "CONFIG";
        throw new IllegalStateException(hang(maxCycles, "the " + event + " event never came (events 0x"
            + Long.toHexString(r.value()) + ")", true));
      }
    }
    if (!idle) {
      int waiting = results.size();
      int command = (int) commandEnds.stream().filter(end -> end < waiting).count();
      throw new IllegalStateException(hang(maxCycles, command < commandEnds.size()
          ? "command " + (command + 1) + " of " + commandEnds.size() + " waits to enter the full command queue"
              + " (the controller took no command for " + (sim.cycle() - start) + " cycles)"
          : "the host's operation " + waiting + " of " + operations + " never completed", false));
    }
    long cycles = sim.cycle() - start;
    Map<String, Long> after = counters();
    Map<String, Long> delta = new LinkedHashMap<>();
    after.forEach((name, value) -> delta.put(name, value - before.get(name)));
    return new Run(cycles, delta);
  }

  /**
   * Writes {@code commands} and returns once the command queue has taken them all, without waiting
   * for the program's end: the host bus is then idle, so a test may reset the design in the middle
   * of the transfers the commands start.
   *
   * @throws IllegalStateException if the queue has not taken them within {@code maxCycles}, or a
   *     write was not answered OKAY
   */
  public void submit(List<BigInteger> commands, long maxCycles) {
    List<Long> offsets = host.registers().commandWords("cmd").stream().map(r -> r.offset()).toList();
    AxiLiteMaster.Batch batch = host.batch();
    commands.forEach(word -> command(batch, offsets, word));
    batch.submit();
    if (!host.awaitIdle(maxCycles)) {
      throw new IllegalStateException("the command queue did not take all " + commands.size() + " commands within "
          + maxCycles + " cycles; " + memory.handshakes());
    }
    for (AxiLiteResult r : host.collect()) {
      if (r.response() != AxiResponse.OKAY) {
        throw new IllegalStateException("a command write was answered " + r.response() + " (" + r + ")");
      }
    }
  }

  /**
   * Runs {@code spec} on the GEMM sequencer: its three command words ({@link GemmCommand}) with the
   * tiling {@link GemmTiler#chooseTiling} picks for this hardware, to the FENCE the sequencer emits;
   * an int8 GEMM gets its post-processing registers and a CONFIG first. The sequencer stores every
   * column tile with the same registers, so channel j must have the parameters of channel j mod C
   * (per-tensor parameters, or N <= C); per-channel parameters across column tiles need the host
   * program ({@link GemmTiler#tile} and {@link #runSteps}), which changes them between STOREs.
   */
  public Run gemm(GemmSpec spec, long maxCycles) {
    List<BigInteger> words = GemmCommand.words(spec, GemmTiler.chooseTiling(shape, spec, maxTokens));
    RowConfig parameters = null;
    if (spec.output() != null) {
      requireOneSetPerColumnTile(spec.output());
      parameters = spec.output().lanes(0, shape.arrayCols());
    }
    return runSteps(List.of(new ProgramStep(words.get(0), null), new ProgramStep(words.get(1), null),
        new ProgramStep(words.get(2), parameters)), maxCycles);
  }

  private void requireOneSetPerColumnTile(Requantization output) {
    int cols = shape.arrayCols();
    for (int j = cols; j < output.channels(); j++) {
      int lane = j % cols;
      if (output.bias()[j] != output.bias()[lane] || output.multiplier()[j] != output.multiplier()[lane]
          || output.shift()[j] != output.shift()[lane]) {
        throw new IllegalArgumentException("output must give channel " + j + " the bias, multiplier and shift of"
            + " channel " + lane + " (one set of post-processing registers for every column tile of C = " + cols
            + " channels); per-channel parameters across column tiles need GemmTiler.tile and runSteps");
      }
    }
  }

  /**
   * Why a program did not finish: the cycle, what the host waited for, the AXI4 channels' state
   * ({@link AxiMemoryModel#handshakes}) and, if the host bus is free to ask, the status register.
   */
  private String hang(long maxCycles, String waitingFor, boolean hostFree) {
    StringBuilder why = new StringBuilder("the accelerator did not reach the program's FENCE within " + maxCycles
        + " cycles: at cycle " + sim.cycle() + ", " + waitingFor + "; " + memory.handshakes());
    if (hostFree) {
      long status = host.read("status");
      List<String> set = host.registers().register("status").fields().stream()
          .filter(f -> f.extract(status) != 0).map(RegisterMapSpec.FieldSpec::name).toList();
      why.append("; status 0x").append(Long.toHexString(status)).append(" ").append(set);
    }
    return why.toString();
  }

  private static void command(AxiLiteMaster.Batch batch, List<Long> offsets, BigInteger word) {
    for (int i = 0; i < WORDS; i++) {
      batch.write(offsets.get(i), word.shiftRight(32 * i).longValue() & 0xffff_ffffL);
    }
  }

  private static boolean sameParameters(RowConfig a, RowConfig b) {
    return b != null && Arrays.equals(a.bias(), b.bias()) && Arrays.equals(a.multiplier(), b.multiplier())
        && Arrays.equals(a.shift(), b.shift()) && a.zeroPoint() == b.zeroPoint() && a.clampMin() == b.clampMin()
        && a.clampMax() == b.clampMax() && a.requantize() == b.requantize() && a.outInt8() == b.outInt8();
  }

  /** Every performance counter (reading each LO register latches its HI half). */
  public Map<String, Long> counters() {
    // One native batch for all of them (LO before HI, as the latch wants), not a JNA call per read.
    AxiLiteMaster.Batch batch = host.batch();
    for (String counter : Accelerator.COUNTERS) {
      batch.read(counter + "_lo").read(counter + "_hi");
    }
    List<AxiLiteResult> results = batch.run(1_000_000);
    Map<String, Long> values = new LinkedHashMap<>();
    for (int i = 0; i < Accelerator.COUNTERS.size(); i++) {
      AxiLiteResult low = results.get(2 * i);
      AxiLiteResult high = results.get(2 * i + 1);
      if (low.response() != AxiResponse.OKAY || high.response() != AxiResponse.OKAY) {
        throw new IllegalStateException("counter " + Accelerator.COUNTERS.get(i) + " read answered " + low.response()
            + " / " + high.response());
      }
      values.put(Accelerator.COUNTERS.get(i), high.value() << 32 | low.value());
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

  /** Queues the writes of the shadow post-processing registers (STORE target 2 is always int8). */
  private void writePostProcessing(AxiLiteMaster.Batch batch, RowConfig parameters) {
    if (parameters.bias().length != shape.arrayCols() || !parameters.outInt8()) {
      throw new IllegalArgumentException("post-processing needs " + shape.arrayCols() + " lanes of int8 output, got "
          + parameters.bias().length + " lanes, outInt8 " + parameters.outInt8());
    }
    batch.write("pp_control", parameters.requantize() ? 1 : 0)
        .write("pp_zero_point", parameters.zeroPoint())
        .write("pp_clamp_min", parameters.clampMin())
        .write("pp_clamp_max", parameters.clampMax());
    for (int k = 0; k < shape.arrayCols(); k++) {
      batch.write("pp_bias_" + k, parameters.bias()[k])
          .write("pp_multiplier_" + k, parameters.multiplier()[k])
          .write("pp_shift_" + k, parameters.shift()[k] & 0xff);
    }
  }

  private long field(String register, String field) {
    return host.registers().field(register, field).extract(host.read(register));
  }
}
