package dev.serrano.testbench.sim;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.serrano.testbench.build.CompiledDesign;
import dev.serrano.testbench.build.DesignCompiler;
import dev.serrano.testbench.build.DispatchLibrary;
import dev.serrano.testbench.build.SimulationCache;
import dev.serrano.testbench.design.BusSpec;
import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.design.Direction;
import dev.serrano.testbench.design.MemorySpec;
import dev.serrano.testbench.design.PortSpec;
import dev.serrano.testbench.design.ResetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One live Verilator model of a design. Create it, drive it through its {@link Port}s, advance it
 * with {@link #step(long)} or {@link #runUntil}, close it.
 *
 * <p>A cycle is: rising clock edge, then falling edge, both evaluated natively; inputs written
 * between cycles are sampled at the next rising edge, and outputs read after a step show the
 * state after it. Batched steps and {@code runUntil} cost one native call for any number of
 * cycles. With {@link #onCycle} callbacks registered, steps run one cycle per native call and
 * call the callbacks after each cycle.
 *
 * <p>A simulation belongs to the thread that started it: every call from another thread fails.
 * Several simulations may run at once, in one thread or in parallel threads.
 */
public final class Simulation implements AutoCloseable {

  private static final int RTLD_NOW = 2;
  private static final int ABI_VERSION = 5;
  private static final int OK = 0;
  private static final int FINISHED = 1;
  private static final int CONDITION_MET = 4;
  private static final int MAX_CYCLES = 5;
  private static final int OUT_OF_RANGE = 6;
  private static final int AXI_VIOLATION = 7;

  private final CompiledDesign compiled;
  // Held for the simulation's lifetime: JNA closes a library (dlclose) once its NativeLibrary is
  // garbage collected, which would unmap the model under the native calls.
  private final NativeLibrary library;
  private final Thread owner;
  private final Map<String, Port> ports = new LinkedHashMap<>();
  private final Map<String, Memory> memories = new LinkedHashMap<>();
  private final Map<String, AxiMemoryModel> buses = new LinkedHashMap<>();
  private final Map<String, AxiLiteMaster> liteMasters = new LinkedHashMap<>();
  private final List<LongConsumer> cycleCallbacks = new ArrayList<>();
  // The tape (if any) first, then listeners in the order registered.
  private final List<SimulationListener> listeners = new ArrayList<>();
  private long instance;
  private long cycle;
  private boolean closed;
  private String endedBecause;
  // Memory transfers go through this direct buffer, grown to the largest transfer so far and
  // reused, so a transfer allocates nothing.
  private ByteBuffer transfer;
  private long transferAddress;

  private Simulation(CompiledDesign compiled, SimulationOptions options, Path dispatcher) {
    this.compiled = compiled;
    this.owner = Thread.currentThread();
    NativeDispatch.register(dispatcher);
    this.library = NativeLibrary.getInstance(compiled.library().toString(),
        Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW));
    checkPortTable(library);
    checkMemoryTable(library);
    Function create = library.getFunction("serrano_create");
    this.instance = NativeDispatch.create(Pointer.nativeValue(create), wavePath(options), options.seed());
    if (instance == 0) {
      throw new SimulationException("cannot create a model of " + design().top() + ": out of memory");
    }
    int abiVersion = NativeDispatch.abiVersion(instance);
    if (abiVersion != ABI_VERSION) {
      NativeDispatch.destroy(instance);
      throw new IllegalStateException(compiled.library() + " has ABI " + abiVersion + ", this testbench expects "
          + ABI_VERSION);
    }
    try {
      check(NativeDispatch.eval(instance), "start");
    } catch (SimulationException e) {
      NativeDispatch.destroy(instance);
      instance = 0;
      closed = true;
      throw e;
    }
    bindPorts();
    bindMemories();
    if (options.tapeFile() != null) {
      listeners.add(new Tape(options.tapeFile(), design().top()));
    }
    bindBuses();
  }

  /** Builds (or finds in the cache) and starts a simulation of {@code design}. */
  public static Simulation start(DesignInterface design, SimulationOptions options) {
    DesignCompiler compiler = new DesignCompiler(options.cache());
    CompiledDesign compiled = compiler.compile(design, options.traceKind(), options.buildProfile());
    return new Simulation(compiled, options, DispatchLibrary.obtain(options.cache()));
  }

  public static Simulation start(DesignInterface design) {
    return start(design, SimulationOptions.defaults());
  }

  /**
   * Does the once-per-JVM native set-up (JNA's start-up, binding the dispatcher library of
   * {@code cache}) ahead of the first {@link #start}; optional, {@code start} does it when needed.
   */
  public static void prepare(SimulationCache cache) {
    NativeDispatch.register(DispatchLibrary.obtain(cache));
  }

  public DesignInterface design() {
    return compiled.design();
  }

  /** The build workspace: sources, build log, {@code key.txt} and {@code rebuild.sh}. */
  public Path workspace() {
    return compiled.workspace();
  }

  /** Cycles completed since the start. */
  public long cycle() {
    return cycle;
  }

  /** The port named {@code name}, as declared in the interface JSON. */
  public Port port(String name) {
    checkUsable();
    Port port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException("design " + design().top() + " has no port \"" + name + "\"; its ports are "
          + String.join(", ", ports.keySet()));
    }
    return port;
  }

  /**
   * The memory at {@code path} of the interface JSON ("memories"): instance names from the top,
   * then the memory name, e.g. {@code u_bank0.storage}.
   */
  public Memory memory(String path) {
    checkUsable();
    Memory memory = memories.get(path);
    if (memory == null) {
      throw new IllegalArgumentException("design " + design().top() + " has no memory \"" + path + "\"; its memories are "
          + (memories.isEmpty() ? "none" : String.join(", ", memories.keySet())));
    }
    return memory;
  }

  /**
   * The AXI4 memory model attached to the bus named {@code name} ("buses" of the interface JSON),
   * e.g. {@code m_axi}.
   */
  public AxiMemoryModel axi(String name) {
    checkUsable();
    AxiMemoryModel bus = buses.get(name);
    if (bus == null) {
      throw new IllegalArgumentException("design " + design().top() + " has no AXI4 master bus \"" + name
          + "\"; its AXI4 buses are " + (buses.isEmpty() ? "none" : String.join(", ", buses.keySet())));
    }
    return bus;
  }

  /**
   * The AXI4-Lite master attached to the design's AXI4-Lite slave bus named {@code name} ("buses"
   * of the interface JSON, protocol {@code axi4-lite}), e.g. {@code s_axi}.
   */
  public AxiLiteMaster axiLite(String name) {
    checkUsable();
    AxiLiteMaster master = liteMasters.get(name);
    if (master == null) {
      throw new IllegalArgumentException("design " + design().top() + " has no AXI4-Lite slave bus \"" + name
          + "\"; its AXI4-Lite buses are " + (liteMasters.isEmpty() ? "none" : String.join(", ", liteMasters.keySet())));
    }
    return master;
  }

  /** Settles combinational logic after input writes, without a clock edge. */
  public void eval() {
    checkRunnable();
    listeners.forEach(SimulationListener::eval);
    check(NativeDispatch.eval(instance), "eval");
  }

  public void step() {
    step(1);
  }

  /** Runs {@code cycles} clock cycles: natively in one call, or one by one with callbacks. */
  public void step(long cycles) {
    checkClocked();
    if (cycles < 0) {
      throw new IllegalArgumentException("cannot step a negative number of cycles: " + cycles);
    }
    listeners.forEach(listener -> listener.step(cycles));
    if (cycleCallbacks.isEmpty()) {
      stepNatively(cycles);
      return;
    }
    for (long i = 0; i < cycles; i++) {
      stepNatively(1);
      for (LongConsumer callback : cycleCallbacks) {
        callback.accept(cycle);
      }
    }
  }

  /**
   * Pauses ({@code false}) or resumes ({@code true}) waveform dumping, to keep only a window of a
   * long run; fails if the simulation was started without a waveform file.
   */
  public void waves(boolean on) {
    checkUsable();
    if (NativeDispatch.trace(instance, on ? 1 : 0) == 0) {
      throw new IllegalStateException("simulation of " + design().top()
          + " was started without a waveform file (SimulationOptions.withWaves)");
    }
  }

  /** Calls {@code callback} with the cycle number after every cycle run by {@link #step}. */
  public void onCycle(LongConsumer callback) {
    checkUsable();
    cycleCallbacks.add(callback);
  }

  /**
   * Holds the reset port active for {@code cycles} cycles, then releases it (one more eval so the
   * outputs show the released state). The AXI4 memory models share the reset, as an AXI interface's
   * two sides share ARESETn: bursts in flight are forgotten on both sides, so a reset may come in
   * the middle of a transfer. AXI4-Lite masters must be idle (their operations would never be
   * answered).
   */
  public void reset(int cycles) {
    ResetSpec reset = design().reset();
    if (reset == null) {
      throw new IllegalStateException("design " + design().top() + " has no reset port");
    }
    if (cycles < 1) {
      throw new IllegalArgumentException("reset must last at least 1 cycle, got " + cycles);
    }
    Port port = port(reset.port());
    liteMasters.values().forEach(AxiLiteMaster::requireIdleForReset);
    port.set(reset.activeLow() ? 0 : 1);
    buses.values().forEach(bus -> bus.reset(true));
    step(cycles);
    port.set(reset.activeLow() ? 1 : 0);
    buses.values().forEach(bus -> bus.reset(false));
    eval();
  }

  /**
   * Settles pending input writes, then runs cycles natively until {@code condition} holds
   * (checked before the first cycle and after each one) and returns the cycles run; fails if it
   * does not hold within {@code maxCycles}.
   * Callbacks registered with {@link #onCycle} are not called.
   */
  public long runUntil(Condition condition, long maxCycles) {
    checkClocked();
    if (condition.port().simulation() != this) {
      throw new IllegalArgumentException("condition " + condition + " is on a port of another simulation");
    }
    listeners.forEach(listener -> listener.runUntil(condition, maxCycles));
    long start = cycle;
    int status = NativeDispatch.runUntil(instance, maxCycles, condition.port().index(), condition.mask(), condition.value());
    cycle = NativeDispatch.cycles(instance);
    if (status == MAX_CYCLES) {
      throw new SimulationException("runUntil(" + condition + ") not reached within " + maxCycles
          + " cycles in " + design().top() + ": started at cycle " + start + ", gave up at cycle " + cycle);
    }
    if (status != CONDITION_MET) {
      check(status, "runUntil(" + condition + ")");
    }
    return cycle - start;
  }

  /** Ends the model (runs final blocks, closes the waveform) and frees it. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    checkOwner();
    listeners.forEach(SimulationListener::closing);
    closed = true;
    NativeDispatch.destroy(instance);
    instance = 0;
  }

  /**
   * Registers {@code listener} to see every later input write, memory write, bus configuration,
   * AXI4-Lite operation and step (before the model acts on it). While any listener is registered,
   * {@link AxiMemoryModel#contents()} is read-only, so every memory write is seen.
   */
  public void listen(SimulationListener listener) {
    checkUsable();
    listeners.add(listener);
  }

  void recordWrite(Port port) {
    listeners.forEach(listener -> listener.write(port));
  }

  /** The transfer buffer, at least {@code bytes} long, in native byte order. */
  ByteBuffer transferBuffer(long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a memory transfer of " + bytes + " bytes is over the 2 GiB a buffer holds");
    }
    if (transfer == null || transfer.capacity() < bytes) {
      // At least one 64-bit slot: a buffer of no bytes may have no address.
      transfer = ByteBuffer.allocateDirect((int) Math.max(bytes, Long.BYTES)).order(ByteOrder.nativeOrder());
      transferAddress = Pointer.nativeValue(Native.getDirectBufferPointer(transfer));
    }
    return transfer;
  }

  /** Copies {@code words} words between the transfer buffer and {@code memory}, in one native call. */
  void copyMemory(Memory memory, long firstWord, int words, boolean toModel) {
    checkUsable();
    int status = NativeDispatch.memCopy(instance, memory.index(), firstWord, words, transferAddress, toModel ? 1 : 0);
    if (status == OUT_OF_RANGE) {
      throw new IndexOutOfBoundsException("memory " + memory.path() + " of " + design().top() + ": words "
          + firstWord + " to " + (firstWord + words - 1) + " (" + words + " words) are outside its depth of "
          + memory.depth() + " words (0 to " + (memory.depth() - 1) + ")");
    }
    if (status != OK) {
      throw new IllegalStateException("memory " + memory.path() + " of " + design().top()
          + ": unexpected status " + status + " from the native copy");
    }
    if (toModel) {
      listeners.forEach(listener -> listener.writeMemory(memory, firstWord, words, transfer));
    }
  }

  /** Sets a configuration value of bus {@code bus}'s model (seen by the listeners); false if refused. */
  boolean configureBus(int bus, int key, long a, long b, long c) {
    checkUsable();
    listeners.forEach(listener -> listener.configureBus(bus, key, a, b, c));
    return NativeDispatch.busConfigure(instance, bus, key, a, b, c) == OK;
  }

  /** The native memory of bus {@code bus}: its address, with base and size stored into {@code baseAndSize}. */
  long busMemory(int bus, long[] baseAndSize) {
    checkUsable();
    return NativeDispatch.busMemory(instance, bus, baseAndSize);
  }

  long[] busCounters(int bus) {
    checkUsable();
    long[] counters = new long[AxiCounters.COUNT];
    NativeDispatch.busCounters(instance, bus, counters, counters.length);
    return counters;
  }

  /** Queues AXI4-Lite operations (four longs each, see serrano_abi.h) on bus {@code bus}, seen one by one. */
  void liteSubmit(int bus, long[] ops, int count) {
    checkRunnable();
    for (SimulationListener listener : listeners) {
      for (int i = 0; i < count; i++) {
        listener.liteSubmit(bus, ops[4 * i], ops[4 * i + 1], ops[4 * i + 2], ops[4 * i + 3]);
      }
    }
    if (NativeDispatch.liteSubmit(instance, bus, ops, count) != OK) {
      throw new IllegalArgumentException("bus " + design().buses().get(bus).name() + ": operations refused");
    }
  }

  /** Runs cycles until bus {@code bus} has nothing queued or active; false if maxCycles ran out. */
  boolean liteRun(int bus, long maxCycles) {
    checkClocked();
    listeners.forEach(listener -> listener.liteRun(bus, maxCycles));
    int status = NativeDispatch.liteRun(instance, bus, maxCycles);
    cycle = NativeDispatch.cycles(instance);
    if (status == MAX_CYCLES) {
      return false;
    }
    if (status != CONDITION_MET) {
      check(status, "AXI4-Lite operations on bus " + design().buses().get(bus).name());
    }
    return true;
  }

  /** Moves up to {@code out.length / 2} completed operations of bus {@code bus} into {@code out}. */
  int liteResults(int bus, long[] out) {
    checkUsable();
    int count = NativeDispatch.liteResults(instance, bus, out, out.length / 2);
    listeners.forEach(listener -> listener.liteResults(bus, out, count));
    return count;
  }

  /** Records a write of {@code data} (position to limit) at byte {@code offset} of a bus memory. */
  void recordBusWrite(int bus, long offset, ByteBuffer data) {
    listeners.forEach(listener -> listener.writeBus(bus, offset, data));
  }

  /** Whether anything records the simulation (memory contents must then be written through the API). */
  boolean recording() {
    return !listeners.isEmpty();
  }

  void checkUsable() {
    if (closed) {
      throw new IllegalStateException("simulation of " + design().top() + " is closed");
    }
    checkOwner();
  }

  private void stepNatively(long cycles) {
    int status = NativeDispatch.step(instance, cycles);
    if (status == OK) {
      cycle += cycles;
    } else {
      cycle = NativeDispatch.cycles(instance);
      check(status, "step");
    }
  }

  private void checkRunnable() {
    checkUsable();
    if (endedBecause != null) {
      throw new IllegalStateException("simulation of " + design().top() + " has ended: " + endedBecause);
    }
  }

  private void checkClocked() {
    checkRunnable();
    if (design().clock() == null) {
      throw new IllegalStateException("design " + design().top() + " has no clock; use eval()");
    }
  }

  private void checkOwner() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("simulation of " + design().top() + " belongs to thread " + owner.getName()
          + "; it was called from " + Thread.currentThread().getName());
    }
  }

  private void check(int status, String action) {
    if (status == OK) {
      return;
    }
    byte[] buffer = new byte[4096];
    NativeDispatch.message(instance, buffer, buffer.length);
    String message = new String(buffer, 0, length(buffer), StandardCharsets.UTF_8);
    endedBecause = message + " (design " + design().top() + ", cycle " + cycle + ", during " + action + ")";
    if (status == FINISHED) {
      throw new SimulationFinishedException(endedBecause);
    }
    if (status == AXI_VIOLATION) {
      throw new AxiProtocolException(message, "(design " + design().top() + ", during " + action + ")");
    }
    throw new SimulationFatalException(endedBecause);
  }

  private void checkPortTable(NativeLibrary library) {
    int count = library.getGlobalVariableAddress("serrano_port_count").getInt(0);
    if (count != design().ports().size()) {
      throw new IllegalStateException(compiled.library() + " has " + count + " ports, the interface JSON "
          + design().ports().size());
    }
  }

  private void checkMemoryTable(NativeLibrary library) {
    int count = library.getGlobalVariableAddress("serrano_memory_count").getInt(0);
    if (count != design().memories().size()) {
      throw new IllegalStateException(compiled.library() + " has " + count + " memories, the interface JSON "
          + design().memories().size());
    }
  }

  private void bindMemories() {
    List<MemorySpec> specs = design().memories();
    for (int i = 0; i < specs.size(); i++) {
      memories.put(specs.get(i).path(), new Memory(this, specs.get(i), i));
    }
  }

  private void bindBuses() {
    List<BusSpec> specs = design().buses();
    int count = library.getGlobalVariableAddress("serrano_bus_count").getInt(0);
    if (count != specs.size()) {
      throw new IllegalStateException(compiled.library() + " has " + count + " buses, the interface JSON "
          + specs.size());
    }
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).lite()) {
        liteMasters.put(specs.get(i).name(), new AxiLiteMaster(this, specs.get(i), i));
      } else {
        buses.put(specs.get(i).name(), new AxiMemoryModel(this, specs.get(i), i));
      }
    }
  }

  private void bindPorts() {
    Map<String, String> driven = new LinkedHashMap<>();
    if (design().clock() != null) {
      driven.put(design().clock(), "is the clock; it is driven by step()");
    }
    for (BusSpec bus : design().buses()) {
      for (BusSpec.Signal signal : bus.signals()) {
        if (signal.direction() == Direction.INPUT) {
          driven.put(bus.port(signal.signal()), "is driven by the "
              + (bus.lite() ? "AXI4-Lite master" : "AXI memory model") + " of bus " + bus.name());
        }
      }
    }
    List<PortSpec> specs = design().ports();
    for (int i = 0; i < specs.size(); i++) {
      PortSpec spec = specs.get(i);
      Pointer address = new Pointer(NativeDispatch.portAddress(instance, i));
      ports.put(spec.name(), new Port(this, spec, i,
          address.getByteBuffer(0, spec.storageBytes()).order(ByteOrder.nativeOrder()),
          driven.get(spec.name())));
    }
  }

  private static String wavePath(SimulationOptions options) {
    if (options.waveFile() == null) {
      return null;
    }
    try {
      Path file = options.waveFile().toAbsolutePath();
      Files.createDirectories(file.getParent());
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + options.waveFile(), e);
    }
  }

  private static int length(byte[] text) {
    int length = 0;
    while (length < text.length && text[length] != 0) {
      length++;
    }
    return length;
  }
}
