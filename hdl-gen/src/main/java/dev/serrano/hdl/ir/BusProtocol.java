package dev.serrano.hdl.ir;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The bus protocols a module can declare, each with its signal table in AMBA order: the names
 * (lower case, after the bus prefix), the channel, which side drives the signal and its width. The
 * builder declares ports from this table and the interface JSON names the protocol, so a
 * simulator's bus model and the hardware agree on one list.
 */
public enum BusProtocol {
  AXI4("axi4", true),
  AXI4_LITE("axi4-lite", false);

  /** One signal: {@code fromManager} is true when the master (manager) drives it. */
  public record Signal(String name, String channel, boolean fromManager, ToIntFunction<BusInterface> width) {
    public int width(BusInterface bus) {
      return width.applyAsInt(bus);
    }
  }

  private final String jsonName;
  private final List<Signal> signals;

  BusProtocol(String jsonName, boolean full) {
    this.jsonName = jsonName;
    this.signals = full ? axi4() : axi4Lite();
  }

  public String jsonName() {
    return jsonName;
  }

  public List<Signal> signals() {
    return signals;
  }

  public boolean hasIds() {
    return this == AXI4;
  }

  private static Signal m(String name, String channel, ToIntFunction<BusInterface> width) {
    return new Signal(name, channel, true, width);
  }

  private static Signal s(String name, String channel, ToIntFunction<BusInterface> width) {
    return new Signal(name, channel, false, width);
  }

  // In a nested class: enum constants are built before the enum's own static fields exist.
  private static final class Widths {
    static final ToIntFunction<BusInterface> ONE = bus -> 1;
    static final ToIntFunction<BusInterface> ID = BusInterface::idWidth;
    static final ToIntFunction<BusInterface> ADDRESS = BusInterface::addressWidth;
    static final ToIntFunction<BusInterface> DATA = BusInterface::dataWidth;
    static final ToIntFunction<BusInterface> STROBE = bus -> bus.dataWidth() / 8;

    static ToIntFunction<BusInterface> bits(int width) {
      return bus -> width;
    }
  }

  private static List<Signal> axi4() {
    return List.of(
        m("awid", "aw", Widths.ID), m("awaddr", "aw", Widths.ADDRESS), m("awlen", "aw", Widths.bits(8)), m("awsize", "aw", Widths.bits(3)),
        m("awburst", "aw", Widths.bits(2)), m("awlock", "aw", Widths.ONE), m("awcache", "aw", Widths.bits(4)),
        m("awprot", "aw", Widths.bits(3)), m("awqos", "aw", Widths.bits(4)), m("awvalid", "aw", Widths.ONE), s("awready", "aw", Widths.ONE),
        m("wdata", "w", Widths.DATA), m("wstrb", "w", Widths.STROBE), m("wlast", "w", Widths.ONE), m("wvalid", "w", Widths.ONE),
        s("wready", "w", Widths.ONE),
        s("bid", "b", Widths.ID), s("bresp", "b", Widths.bits(2)), s("bvalid", "b", Widths.ONE), m("bready", "b", Widths.ONE),
        m("arid", "ar", Widths.ID), m("araddr", "ar", Widths.ADDRESS), m("arlen", "ar", Widths.bits(8)), m("arsize", "ar", Widths.bits(3)),
        m("arburst", "ar", Widths.bits(2)), m("arlock", "ar", Widths.ONE), m("arcache", "ar", Widths.bits(4)),
        m("arprot", "ar", Widths.bits(3)), m("arqos", "ar", Widths.bits(4)), m("arvalid", "ar", Widths.ONE), s("arready", "ar", Widths.ONE),
        s("rid", "r", Widths.ID), s("rdata", "r", Widths.DATA), s("rresp", "r", Widths.bits(2)), s("rlast", "r", Widths.ONE),
        s("rvalid", "r", Widths.ONE), m("rready", "r", Widths.ONE));
  }

  private static List<Signal> axi4Lite() {
    return List.of(
        m("awaddr", "aw", Widths.ADDRESS), m("awprot", "aw", Widths.bits(3)), m("awvalid", "aw", Widths.ONE), s("awready", "aw", Widths.ONE),
        m("wdata", "w", Widths.DATA), m("wstrb", "w", Widths.STROBE), m("wvalid", "w", Widths.ONE), s("wready", "w", Widths.ONE),
        s("bresp", "b", Widths.bits(2)), s("bvalid", "b", Widths.ONE), m("bready", "b", Widths.ONE),
        m("araddr", "ar", Widths.ADDRESS), m("arprot", "ar", Widths.bits(3)), m("arvalid", "ar", Widths.ONE), s("arready", "ar", Widths.ONE),
        s("rdata", "r", Widths.DATA), s("rresp", "r", Widths.bits(2)), s("rvalid", "r", Widths.ONE), m("rready", "r", Widths.ONE));
  }
}
