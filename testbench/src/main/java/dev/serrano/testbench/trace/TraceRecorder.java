package dev.serrano.testbench.trace;

import dev.serrano.testbench.design.BusSpec;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.Condition;
import dev.serrano.testbench.sim.Memory;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationListener;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a {@link Trace} of a simulation driven only through its reset port, AXI4-Lite masters,
 * AXI4 memory models and steps: attach it before the first cycle, run the test, mark the memory
 * regions whose contents matter with {@link #expectMemory}, and {@link #save} the trace (also after
 * the simulation closed). When the simulation closes, the whole memory of each AXI4 bus (up to
 * {@value #FINAL_CHECK_LIMIT} bytes) is recorded as a last check.
 *
 * <p>What a trace cannot hold makes {@link #save} fail with the reason: writes to other input ports
 * or into design memories (back doors), and {@code runUntil} on a port condition.
 */
public final class TraceRecorder implements SimulationListener {

  /** The largest memory checked whole at the end of a trace. */
  public static final int FINAL_CHECK_LIMIT = 4 << 20;

  private final Simulation sim;
  private final DesignInterface design;
  private final Path designFolder;
  // Steps, with Submit steps still mutable (PendingSubmit) until built.
  private final List<Object> steps = new ArrayList<>();
  private final Map<Integer, ArrayDeque<PendingOperation>> awaitingResults = new HashMap<>();
  private final List<Trace.Check> finalChecks = new ArrayList<>();
  private String unsupported;
  private long finalCycles = -1;

  private TraceRecorder(Simulation sim) {
    this.sim = sim;
    this.design = sim.design();
    this.designFolder = design.directory();
  }

  /** Starts recording {@code sim}, which must not have run a cycle yet. */
  public static TraceRecorder attach(Simulation sim) {
    if (sim.cycle() != 0) {
      throw new IllegalStateException("attach the trace recorder before the first cycle; simulation of "
          + sim.design().top() + " is at cycle " + sim.cycle());
    }
    TraceRecorder recorder = new TraceRecorder(sim);
    sim.listen(recorder);
    return recorder;
  }

  /** Records that {@code length} bytes of bus {@code bus}'s memory from {@code address} on must hold what they hold now. */
  public void expectMemory(String bus, long address, int length) {
    steps.add(check(bus, address, length));
  }

  /** The trace so far (up to now, or up to the simulation's close). */
  public Trace trace() {
    if (unsupported != null) {
      throw new IllegalStateException("this run cannot be replayed from a trace: " + unsupported);
    }
    List<Trace.Step> built = new ArrayList<>();
    for (Object step : steps) {
      built.add(step instanceof PendingSubmit submit ? submit.build() : (Trace.Step) step);
    }
    boolean open = finalCycles < 0;
    built.addAll(open ? wholeMemoryChecks() : finalChecks);
    return new Trace(design.top(), built, open ? sim.cycle() : finalCycles);
  }

  /** Saves the trace into {@code folder} (which must not exist or be empty) with a copy of the design's RTL. */
  public void save(Path folder) {
    TraceFolder.write(trace(), designFolder, folder);
  }

  @Override
  public void write(Port port) {
    if (design.reset() != null && port.name().equals(design.reset().port())) {
      steps.add(new Trace.Reset(port.get()));
    } else {
      unsupported("input port " + port.name() + " was written directly (only the reset port and the buses are traced)");
    }
  }

  @Override
  public void writeMemory(Memory memory, long firstWord, int words, ByteBuffer chunks) {
    unsupported("design memory " + memory.path() + " was written through the back door");
  }

  @Override
  public void runUntil(Condition condition, long maxCycles) {
    unsupported("runUntil(" + condition + ") waits on a port, which a trace does not hold");
  }

  @Override
  public void configureBus(int bus, int key, long a, long b, long c) {
    if (key == BusSetting.RESET.key) {
      return;  // part of Simulation.reset, which the Reset steps hold
    }
    steps.add(new Trace.Configure(busName(bus), BusSetting.ofKey(key), a, b, c));
  }

  @Override
  public void writeBus(int bus, long offset, ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    String name = busName(bus);
    steps.add(new Trace.Load(name, sim.axi(name).base() + offset, bytes));
  }

  @Override
  public void liteSubmit(int bus, long kind, long address, long a, long b) {
    PendingSubmit submit = steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof PendingSubmit last)
        || !last.bus.equals(busName(bus)) ? null : last;
    if (submit == null) {
      submit = new PendingSubmit(busName(bus));
      steps.add(submit);
    }
    PendingOperation operation = new PendingOperation(kind, address, a, b);
    submit.operations.add(operation);
    awaitingResults.computeIfAbsent(bus, key -> new ArrayDeque<>()).add(operation);
  }

  @Override
  public void liteRun(int bus, long maxCycles) {
    steps.add(new Trace.Run(busName(bus), maxCycles));
  }

  @Override
  public void liteResults(int bus, long[] results, int count) {
    ArrayDeque<PendingOperation> waiting = awaitingResults.get(bus);
    for (int i = 0; i < count; i++) {
      long packed = results[2 * i];
      waiting.removeFirst().result = new Trace.LiteResult(packed & 0xffff_ffffL, (int) ((packed >>> 32) & 3),
          ((packed >>> 34) & 1) != 0, results[2 * i + 1]);
    }
  }

  @Override
  public void step(long cycles) {
    if (cycles == 0) {
      return;
    }
    if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Trace.Cycles last) {
      steps.set(steps.size() - 1, new Trace.Cycles(last.count() + cycles));
    } else {
      steps.add(new Trace.Cycles(cycles));
    }
  }

  @Override
  public void closing() {
    finalChecks.addAll(wholeMemoryChecks());
    finalCycles = sim.cycle();
  }

  private List<Trace.Check> wholeMemoryChecks() {
    List<Trace.Check> checks = new ArrayList<>();
    for (BusSpec bus : design.buses()) {
      if (!bus.lite() && sim.axi(bus.name()).size() <= FINAL_CHECK_LIMIT) {
        checks.add(check(bus.name(), sim.axi(bus.name()).base(), (int) sim.axi(bus.name()).size()));
      }
    }
    return checks;
  }

  private Trace.Check check(String bus, long address, int length) {
    return new Trace.Check(bus, address, length, Sha256.hex(sim.axi(bus).read(address, length)));
  }

  private void unsupported(String reason) {
    if (unsupported == null) {
      unsupported = reason + " at cycle " + sim.cycle();
    }
  }

  private String busName(int bus) {
    return design.buses().get(bus).name();
  }

  /** An AXI4-Lite operation as queued natively, waiting for its result. */
  private static final class PendingOperation {
    final long kind;
    final long address;
    final long a;
    final long b;
    Trace.LiteResult result;

    PendingOperation(long kind, long address, long a, long b) {
      this.kind = kind;
      this.address = address;
      this.a = a;
      this.b = b;
    }

    Trace.LiteOperation build() {
      Trace.LiteOperation.Kind type = Trace.LiteOperation.Kind.values()[(int) kind - 1];
      return new Trace.LiteOperation(type, address, a & 0xffff_ffffL, type == Trace.LiteOperation.Kind.READ ? 0 : a >>> 32,
          type == Trace.LiteOperation.Kind.POLL ? b : 0, result);
    }
  }

  private static final class PendingSubmit {
    final String bus;
    final List<PendingOperation> operations = new ArrayList<>();

    PendingSubmit(String bus) {
      this.bus = bus;
    }

    Trace.Submit build() {
      return new Trace.Submit(bus, operations.stream().map(PendingOperation::build).toList());
    }
  }
}
