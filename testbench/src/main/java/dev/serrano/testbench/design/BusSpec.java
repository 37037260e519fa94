package dev.serrano.testbench.design;

import java.util.ArrayList;
import java.util.List;

/**
 * One bus of the interface JSON ("buses"): an AXI4 master port of the design, whose top-level ports
 * are named {@code <name>_<signal>} with the AMBA signal names in lower case. The testbench attaches
 * an AXI4 slave memory model to it (see {@code dev.serrano.testbench.sim.AxiMemoryModel}).
 *
 * @param name the prefix of the bus's ports, e.g. {@code m_axi}
 * @param protocol {@code axi4} (the only one supported)
 * @param role {@code master} (the design is the master; the only one supported)
 * @param dataWidth bits of WDATA/RDATA: a power of two, 32 to 1024
 * @param addressWidth bits of AWADDR/ARADDR: 12 to 64
 * @param idWidth bits of AWID/BID/ARID/RID: 1 to 16
 */
public record BusSpec(String name, String protocol, String role, int dataWidth, int addressWidth, int idWidth) {

  public static final String AXI4 = "axi4";
  public static final String MASTER = "master";

  public BusSpec {
    if (!AXI4.equals(protocol)) {
      throw new InterfaceFormatException("bus " + name + ": protocol must be \"axi4\", got \"" + protocol + "\"");
    }
    if (!MASTER.equals(role)) {
      throw new InterfaceFormatException("bus " + name + ": role must be \"master\", got \"" + role + "\"");
    }
    if (dataWidth < 32 || dataWidth > 1024 || Integer.bitCount(dataWidth) != 1) {
      throw new InterfaceFormatException("bus " + name + ": dataWidth must be a power of two from 32 to 1024, got "
          + dataWidth);
    }
    if (addressWidth < 12 || addressWidth > 64) {
      throw new InterfaceFormatException("bus " + name + ": addressWidth must be 12 to 64, got " + addressWidth);
    }
    if (idWidth < 1 || idWidth > 16) {
      throw new InterfaceFormatException("bus " + name + ": idWidth must be 1 to 16, got " + idWidth);
    }
  }

  /** One AXI signal of the bus: its AMBA name in lower case, direction (from the design) and width. */
  public record Signal(String signal, Direction direction, int width) {}

  /** Bytes per beat of the full bus width. */
  public int dataBytes() {
    return dataWidth / 8;
  }

  /** Every signal the design must have, in AMBA channel order (AW, W, B, AR, R). */
  public List<Signal> signals() {
    Direction out = Direction.OUTPUT;
    Direction in = Direction.INPUT;
    List<Signal> signals = new ArrayList<>();
    addAddress(signals, "aw");
    signals.add(new Signal("awready", in, 1));
    signals.add(new Signal("wdata", out, dataWidth));
    signals.add(new Signal("wstrb", out, dataWidth / 8));
    signals.add(new Signal("wlast", out, 1));
    signals.add(new Signal("wvalid", out, 1));
    signals.add(new Signal("wready", in, 1));
    signals.add(new Signal("bid", in, idWidth));
    signals.add(new Signal("bresp", in, 2));
    signals.add(new Signal("bvalid", in, 1));
    signals.add(new Signal("bready", out, 1));
    addAddress(signals, "ar");
    signals.add(new Signal("arready", in, 1));
    signals.add(new Signal("rid", in, idWidth));
    signals.add(new Signal("rdata", in, dataWidth));
    signals.add(new Signal("rresp", in, 2));
    signals.add(new Signal("rlast", in, 1));
    signals.add(new Signal("rvalid", in, 1));
    signals.add(new Signal("rready", out, 1));
    return List.copyOf(signals);
  }

  /** The design's port name of {@code signal}, e.g. {@code m_axi_awaddr}. */
  public String port(String signal) {
    return name + "_" + signal;
  }

  /** Checks that {@code ports} hold every signal with the right direction and width. */
  void validate(List<PortSpec> ports, String top) {
    for (Signal signal : signals()) {
      String port = port(signal.signal());
      PortSpec spec = ports.stream().filter(p -> p.name().equals(port)).findFirst().orElseThrow(() ->
          new InterfaceFormatException("bus " + name + " of " + top + ": missing port " + port + " ("
              + direction(signal.direction()) + ", " + signal.width() + " bits)"));
      if (spec.direction() != signal.direction() || spec.width() != signal.width()) {
        throw new InterfaceFormatException("bus " + name + " of " + top + ": port " + port + " must be an "
            + direction(signal.direction()) + " of " + signal.width() + " bits, the interface JSON has an "
            + direction(spec.direction()) + " of " + spec.width() + " bits");
      }
    }
  }

  private void addAddress(List<Signal> signals, String prefix) {
    Direction out = Direction.OUTPUT;
    signals.add(new Signal(prefix + "id", out, idWidth));
    signals.add(new Signal(prefix + "addr", out, addressWidth));
    signals.add(new Signal(prefix + "len", out, 8));
    signals.add(new Signal(prefix + "size", out, 3));
    signals.add(new Signal(prefix + "burst", out, 2));
    signals.add(new Signal(prefix + "lock", out, 1));
    signals.add(new Signal(prefix + "cache", out, 4));
    signals.add(new Signal(prefix + "prot", out, 3));
    signals.add(new Signal(prefix + "qos", out, 4));
    signals.add(new Signal(prefix + "valid", out, 1));
  }

  private static String direction(Direction direction) {
    return direction == Direction.INPUT ? "input" : "output";
  }
}
