package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports of a declared bus, by signal name ({@code "araddr"}, {@code "rready"}). */
public final class BusPorts {
  private final BusInterface bus;
  private final Map<String, Signal> inputs = new LinkedHashMap<>();
  private final Map<String, Net> outputs = new LinkedHashMap<>();

  BusPorts(BusInterface bus) {
    this.bus = bus;
  }

  void addInput(String signal, Signal port) {
    inputs.put(signal, port);
  }

  void addOutput(String signal, Net port) {
    outputs.put(signal, port);
  }

  public BusInterface bus() {
    return bus;
  }

  /** A signal this module receives. */
  public Signal in(String signal) {
    Signal port = inputs.get(signal);
    if (port == null) {
      throw new IllegalArgumentException("bus " + bus.name() + ": no input signal " + signal + " (inputs: "
          + String.join(", ", inputs.keySet()) + ")");
    }
    return port;
  }

  /** A signal this module drives. */
  public Net out(String signal) {
    Net port = outputs.get(signal);
    if (port == null) {
      throw new IllegalArgumentException("bus " + bus.name() + ": no output signal " + signal + " (outputs: "
          + String.join(", ", outputs.keySet()) + ")");
    }
    return port;
  }

  /**
   * Connects every port of {@code module} named {@code <bus name>_<signal>} (the same bus on a
   * submodule, or the part of its channels it drives) to this module's port of that signal.
   */
  public void connect(InstanceBuilder instance, Module module) {
    String prefix = bus.name() + "_";
    for (Port port : module.ports()) {
      if (port.name().startsWith(prefix)) {
        String signal = port.name().substring(prefix.length());
        instance.connect(port.name(), port.direction() == Direction.INPUT ? in(signal) : out(signal));
      }
    }
  }

  /** Signal names this module receives, in protocol order. */
  public Iterable<String> inputNames() {
    return inputs.keySet();
  }

  /** Signal names this module drives, in protocol order. */
  public Iterable<String> outputNames() {
    return outputs.keySet();
  }
}
