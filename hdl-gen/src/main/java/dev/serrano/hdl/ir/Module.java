package dev.serrano.hdl.ir;

import java.util.List;
import java.util.Optional;

/** One hardware module. Lists keep creation order, which is also the emitted order. */
public record Module(
    String name,
    String sourceClass,
    String description,
    List<Parameter> parameters,
    Optional<ClockDomain> clockDomain,
    List<Port> ports,
    List<BusInterface> buses,
    List<Wire> wires,
    List<Register> registers,
    List<Memory> memories,
    List<Assign> assigns,
    List<Instance> instances,
    SourceLocation source,
    List<Attachment> attachments) {

  public Module {
    parameters = List.copyOf(parameters);
    ports = List.copyOf(ports);
    buses = List.copyOf(buses);
    wires = List.copyOf(wires);
    registers = List.copyOf(registers);
    memories = List.copyOf(memories);
    assigns = List.copyOf(assigns);
    instances = List.copyOf(instances);
    attachments = List.copyOf(attachments);
  }

  public Optional<Port> port(String portName) {
    return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
  }
}
