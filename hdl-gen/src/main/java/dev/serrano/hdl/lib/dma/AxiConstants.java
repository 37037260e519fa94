package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.lib.Bits;

/** The address-channel signals the DMA engines drive with fixed values, in one place. */
final class AxiConstants {
  /** AxBURST INCR. */
  static final int BURST_INCR = 1;
  /** AxCACHE: normal non-cacheable bufferable, the usual value for DMA masters. */
  static final int CACHE_NORMAL_BUFFERABLE = 0b0011;

  private AxiConstants() {}

  /** Drives address channel {@code ar} or {@code aw}: a full-width INCR burst with ID 0. */
  static void drive(BusPorts axi, String channel, DmaConfig config, Value valid, Value addr, Value len) {
    axi.out(channel + "valid").assign(valid);
    axi.out(channel + "addr").assign(addr);
    axi.out(channel + "len").assign(len);
    axi.out(channel + "id").assign(Bits.constant(0, config.idWidth()));
    axi.out(channel + "size").assign(Bits.constant(Bits.log2(config.busBytes()), 3));
    axi.out(channel + "burst").assign(Bits.constant(BURST_INCR, 2));
    axi.out(channel + "lock").assign(Bits.constant(0, 1));
    axi.out(channel + "cache").assign(Bits.constant(CACHE_NORMAL_BUFFERABLE, 4));
    axi.out(channel + "prot").assign(Bits.constant(0, 3));
    axi.out(channel + "qos").assign(Bits.constant(0, 4));
  }
}
