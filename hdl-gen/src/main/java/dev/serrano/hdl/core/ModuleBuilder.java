package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Assign;
import dev.serrano.hdl.ir.Attachment;
import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.BusProtocol;
import dev.serrano.hdl.ir.ClockDomain;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Instance;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Parameter;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.Register;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.SourceLocation;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.ir.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Describes one module. Names are explicit strings and are kept as given in the Verilog. Nothing
 * is checked here beyond argument sanity: {@link #build()} returns the IR as described, and the
 * checks report every mistake at once with the file:line of the call that made it.
 *
 * <pre>{@code
 * ModuleBuilder b = new ModuleBuilder("counter_w8", Counter.class).parameter("width", 8);
 * b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
 * Signal enable = b.input("en", Type.BIT);
 * Reg count = b.reg("count_q", Type.unsigned(8)).resetTo(0).enable(enable);
 * count.next(count.add(1));
 * b.output("count", Type.unsigned(8)).assign(count);
 * Module counter = b.build();
 * }</pre>
 */
public final class ModuleBuilder {
  private final String name;
  private final String sourceClass;
  private final SourceLocation source;
  private String description = "";
  private String group = "";
  private final List<Parameter> parameters = new ArrayList<>();
  private Optional<ClockDomain> clockDomain = Optional.empty();
  private final List<Port> ports = new ArrayList<>();
  private final List<BusInterface> buses = new ArrayList<>();
  private final List<Wire> wires = new ArrayList<>();
  private final List<Reg> registers = new ArrayList<>();
  private final List<MemoryBuilder> memories = new ArrayList<>();
  private final List<Assign> assigns = new ArrayList<>();
  private final List<InstanceBuilder> instances = new ArrayList<>();
  private final List<Attachment> attachments = new ArrayList<>();

  /** @param name the module name; parameterised modules encode their parameters in it */
  public ModuleBuilder(String name, Class<?> source) {
    this.name = name;
    this.sourceClass = source.getName();
    this.source = CallSite.here();
  }

  public String name() {
    return name;
  }

  /** One line saying what the module is; it heads the emitted file. */
  public ModuleBuilder describe(String text) {
    this.description = text;
    return this;
  }

  public ModuleBuilder parameter(String parameterName, Object value) {
    parameters.add(new Parameter(parameterName, String.valueOf(value)));
    return this;
  }

  /** Ports declared after this call belong to {@code groupName}, a comment in the port list. */
  public ModuleBuilder group(String groupName) {
    this.group = groupName;
    return this;
  }

  /** Declares the input {@code clk} and the reset port named by the style ({@code rst} or {@code rst_n}). */
  public ModuleBuilder clockAndReset(ResetStyle style) {
    return clockDomain("clk", Optional.of(style.defaultPortName()), style);
  }

  /** Declares only the input {@code clk}: registers of this module have no reset. */
  public ModuleBuilder clockOnly() {
    return clockDomain("clk", Optional.empty(), ResetStyle.SYNC_ACTIVE_HIGH);
  }

  /** The clock input declared by {@link #clockAndReset} or {@link #clockOnly}, to pass to instances. */
  public Signal clock() {
    ClockDomain domain = clockDomain.orElseThrow(() -> new IllegalStateException(
        name + ": no clock declared; call clockAndReset or clockOnly first"));
    return new Signal(domain.clock(), Type.BIT);
  }

  /** The reset input declared by {@link #clockAndReset}, to pass to instances. */
  public Signal reset() {
    String reset = clockDomain.flatMap(ClockDomain::reset).orElseThrow(() -> new IllegalStateException(
        name + ": no reset declared; call clockAndReset first"));
    return new Signal(reset, Type.BIT);
  }

  private ModuleBuilder clockDomain(String clock, Optional<String> reset, ResetStyle style) {
    String previous = group;
    group("clock and reset");
    input(clock, Type.BIT);
    reset.ifPresent(r -> input(r, Type.BIT));
    group = previous;
    clockDomain = Optional.of(new ClockDomain(clock, reset, style));
    return this;
  }

  public Signal input(String portName, Type type) {
    ports.add(new Port(portName, Direction.INPUT, type, group, CallSite.here()));
    return new Signal(portName, type);
  }

  public Net output(String portName, Type type) {
    ports.add(new Port(portName, Direction.OUTPUT, type, group, CallSite.here()));
    return new Net(this, portName, type);
  }

  /**
   * Declares every signal of a bus as ports, in the protocol's order under a group named after the
   * bus, and records the bus so the interface JSON lists it.
   */
  public BusPorts bus(BusInterface bus) {
    buses.add(bus);
    return busChannels(bus, "aw", "w", "b", "ar", "r");
  }

  /**
   * Declares the signals of some channels of a bus ({@code "ar", "r"} for a read-only engine) as
   * ports, without recording a bus: a module with part of a bus is wired into one that has it all.
   */
  public BusPorts busChannels(BusInterface bus, String... channels) {
    String previous = group;
    group(bus.name() + " (" + bus.protocol().jsonName() + (bus.master() ? " master)" : " slave)"));
    BusPorts declared = new BusPorts(bus);
    List<String> wanted = List.of(channels);
    for (BusProtocol.Signal signal : bus.protocol().signals()) {
      if (!wanted.contains(signal.channel())) {
        continue;
      }
      Type type = Type.unsigned(signal.width(bus));
      if (bus.drives(signal)) {
        declared.addOutput(signal.name(), output(bus.port(signal.name()), type));
      } else {
        declared.addInput(signal.name(), input(bus.port(signal.name()), type));
      }
    }
    group = previous;
    return declared;
  }

  public Net wire(String wireName, Type type) {
    wires.add(new Wire(wireName, type, CallSite.here()));
    return new Net(this, wireName, type);
  }

  /** A named intermediate value: declares a wire of the value's type and assigns it. */
  public Net wire(String wireName, Value value) {
    return wire(wireName, value.type()).assign(value);
  }

  public Reg reg(String regName, Type type) {
    Reg reg = new Reg(this, regName, type, CallSite.here());
    registers.add(reg);
    return reg;
  }

  public MemoryBuilder memory(String memoryName, Type word, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("memory " + memoryName + ": depth must be at least 1, got " + depth);
    }
    MemoryBuilder memory = new MemoryBuilder(memoryName, word, depth, CallSite.here());
    memories.add(memory);
    return memory;
  }

  public InstanceBuilder instance(String instanceName, Module module) {
    InstanceBuilder instance = new InstanceBuilder(this, instanceName, module, CallSite.here());
    instances.add(instance);
    return instance;
  }

  /**
   * Attaches data emitted beside the Verilog when this module is the top (a register map's C
   * header, a section of the interface JSON).
   */
  public ModuleBuilder attach(Attachment attachment) {
    attachments.add(attachment);
    return this;
  }

  void addAssign(Assign assign) {
    assigns.add(assign);
  }

  /** The module as IR, exactly as described; the checks judge it. */
  public Module build() {
    List<Instance> builtInstances = instances.stream().map(InstanceBuilder::toIr).toList();
    List<Register> builtRegisters = registers.stream().map(Reg::toIr).toList();
    return new Module(name, sourceClass, description, parameters, clockDomain, ports, buses, wires,
        builtRegisters, memories.stream().map(MemoryBuilder::toIr).toList(), assigns,
        builtInstances, source, attachments);
  }
}
