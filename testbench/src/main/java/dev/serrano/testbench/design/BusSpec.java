package dev.serrano.testbench.design;

import java.util.ArrayList;
import java.util.List;

/**
 * One bus of the interface JSON ("buses"), whose top-level ports are named {@code <name>_<signal>}
 * with the AMBA signal names in lower case. Two kinds are served: an AXI4 master port of the design,
 * to which the testbench attaches an AXI4 slave memory model
 * ({@code dev.serrano.testbench.sim.AxiMemoryModel}), and an AXI4-Lite slave port of the design, to
 * which it attaches an AXI4-Lite master ({@code dev.serrano.testbench.sim.AxiLiteMaster}).
 *
 * @param name the prefix of the bus's ports, e.g. {@code m_axi}
 * @param protocol {@code axi4} (role master) or {@code axi4-lite} (role slave)
 * @param role {@code master} or {@code slave}: the design's side
 * @param dataWidth bits of WDATA/RDATA: a power of two, 32 to 1024 for AXI4; 32 for AXI4-Lite
 * @param addressWidth bits of AWADDR/ARADDR: 12 to 64 for AXI4; 2 to 64 for AXI4-Lite
 * @param idWidth bits of AWID/BID/ARID/RID: 1 to 16 for AXI4; 0 for AXI4-Lite
 */
public record BusSpec(String name, String protocol, String role, int dataWidth, int addressWidth, int idWidth) {

  public static final String AXI4 = "axi4";
  public static final String AXI4_LITE = "axi4-lite";
  public static final String MASTER = "master";
  public static final String SLAVE = "slave";

  public BusSpec {
    if (AXI4_LITE.equals(protocol)) {
      checkLite(name, role, dataWidth, addressWidth, idWidth);
    } else {
      checkAxi4(name, protocol, role, dataWidth, addressWidth, idWidth);
    }
  }

  private static void checkLite(String name, String role, int dataWidth, int addressWidth, int idWidth) {
    if (!SLAVE.equals(role)) {
      throw new InterfaceFormatException("bus " + name + ": an axi4-lite bus must have role \"slave\" (the"
          + " testbench attaches an AXI4-Lite master), got \"" + role + "\"");
    }
    if (dataWidth != 32) {
      throw new InterfaceFormatException("bus " + name + ": dataWidth of an axi4-lite bus must be 32, got "
          + dataWidth);
    }
    if (addressWidth < 2 || addressWidth > 64) {
      throw new InterfaceFormatException("bus " + name + ": addressWidth must be 2 to 64, got " + addressWidth);
    }
    if (idWidth != 0) {
      throw new InterfaceFormatException("bus " + name + ": idWidth of an axi4-lite bus must be 0, got " + idWidth);
    }
  }

  private static void checkAxi4(String name, String protocol, String role, int dataWidth, int addressWidth,
      int idWidth) {
    if (!AXI4.equals(protocol)) {
      throw new InterfaceFormatException("bus " + name + ": protocol must be \"axi4\" or \"axi4-lite\", got \""
          + protocol + "\"");
    }
    if (!MASTER.equals(role)) {
      throw new InterfaceFormatException("bus " + name + ": an axi4 bus must have role \"master\", got \"" + role
          + "\"");
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

  /** Whether this is an AXI4-Lite slave port of the design (served by an AXI4-Lite master). */
  public boolean lite() {
    return AXI4_LITE.equals(protocol);
  }

  /** Every signal the design must have, in AMBA channel order (AW, W, B, AR, R). */
  public List<Signal> signals() {
    if (lite()) {
      return liteSignals();
    }
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

  /** The AXI4-Lite signals, seen from the design (the slave). */
  private List<Signal> liteSignals() {
    Direction in = Direction.INPUT;
    Direction out = Direction.OUTPUT;
    return List.of(
        new Signal("awaddr", in, addressWidth), new Signal("awprot", in, 3), new Signal("awvalid", in, 1),
        new Signal("awready", out, 1),
        new Signal("wdata", in, 32), new Signal("wstrb", in, 4), new Signal("wvalid", in, 1),
        new Signal("wready", out, 1),
        new Signal("bresp", out, 2), new Signal("bvalid", out, 1), new Signal("bready", in, 1),
        new Signal("araddr", in, addressWidth), new Signal("arprot", in, 3), new Signal("arvalid", in, 1),
        new Signal("arready", out, 1),
        new Signal("rdata", out, 32), new Signal("rresp", out, 2), new Signal("rvalid", out, 1),
        new Signal("rready", in, 1));
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
