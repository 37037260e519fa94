package dev.serrano.hdl.ir;

/**
 * A bus port of a module: the signals of {@code protocol} under the prefix {@code name}
 * ({@code m_axi_awaddr}, ...), seen from the {@code master} or the slave side. Only complete buses
 * (every signal of the protocol) are declared this way, so a bus model can attach by the name.
 */
public record BusInterface(String name, BusProtocol protocol, boolean master, int dataWidth, int addressWidth,
    int idWidth) {

  public BusInterface {
    if (dataWidth < 8 || Integer.bitCount(dataWidth) != 1) {
      throw new IllegalArgumentException("bus " + name + ": data width must be a power of two of at least 8 bits, got "
          + dataWidth);
    }
    if (addressWidth < 1 || addressWidth > 64) {
      throw new IllegalArgumentException("bus " + name + ": address width must be 1 to 64, got " + addressWidth);
    }
    if (protocol.hasIds() ? idWidth < 1 || idWidth > 32 : idWidth != 0) {
      throw new IllegalArgumentException("bus " + name + ": id width must be " + (protocol.hasIds() ? "1 to 32" : "0")
          + " for " + protocol.jsonName() + ", got " + idWidth);
    }
  }

  /** The port name of one signal of the protocol. */
  public String port(String signal) {
    return name + "_" + signal;
  }

  /** Whether this module drives {@code signal}. */
  public boolean drives(BusProtocol.Signal signal) {
    return signal.fromManager() == master;
  }
}
