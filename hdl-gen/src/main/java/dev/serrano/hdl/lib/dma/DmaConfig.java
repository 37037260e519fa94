package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.BusProtocol;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import java.util.List;

/**
 * The AXI side of the DMA engines and the local memories they reach.
 *
 * @param dataWidth AXI data bits, a power of two from 32 to 512
 * @param addressWidth AXI address bits, 12 to 64 (32 or 64 in practice)
 * @param idWidth AXI ID bits, 1 to 16
 * @param maxBurst longest burst in beats, a power of two from 1 to 256
 * @param outstanding bursts in flight per engine, a power of two from 2 to 64
 * @param locals the local memories a descriptor can target, in target order: the ones loads can
 *     write (scratchpad, accumulator) first, then store-only sources (the post-processed
 *     accumulator), so that a target number names the same memory for both engines
 */
public record DmaConfig(int dataWidth, int addressWidth, int idWidth, int maxBurst, int outstanding,
    List<LocalMemory> locals, ResetStyle reset) {

  /** Bits of a descriptor's row count. */
  public static final int ROWS_WIDTH = 16;
  /** Bits of a descriptor's row length in bytes (rows up to 1 MiB - 1). */
  public static final int ROW_BYTES_WIDTH = 20;

  /**
   * A local memory as a DMA engine sees it: {@code name} prefixes its ports, rows of
   * {@code rowBytes} bytes, {@code addressWidth} bits of row address, rows read back
   * {@code readLatency} cycles after the read (1 for a banked memory); {@code loadable} when the
   * load engine may write it (false for a source that only produces rows, such as the
   * post-processor).
   */
  public record LocalMemory(String name, int rowBytes, int addressWidth, int readLatency, boolean loadable) {
    public LocalMemory {
      ConfigException.requireRange(name + " row bytes", rowBytes, 1, 512);
      ConfigException.requireRange(name + " address width", addressWidth, 1, 32);
      ConfigException.requireRange(name + " read latency", readLatency, 1, 64);
    }

    /** A banked memory: loadable, rows back in the next cycle. */
    public LocalMemory(String name, int rowBytes, int addressWidth) {
      this(name, rowBytes, addressWidth, 1, true);
    }

    /** A store-only source whose rows come back {@code readLatency} cycles after the read. */
    public static LocalMemory storeOnly(String name, int rowBytes, int addressWidth, int readLatency) {
      return new LocalMemory(name, rowBytes, addressWidth, readLatency, false);
    }
  }

  public DmaConfig {
    ConfigException.requirePowerOfTwo("dataWidth", dataWidth, 32, 512);
    ConfigException.requireRange("addressWidth", addressWidth, 12, 64);
    ConfigException.requireRange("idWidth", idWidth, 1, 16);
    ConfigException.requirePowerOfTwo("maxBurst", maxBurst, 1, 256);
    ConfigException.requirePowerOfTwo("outstanding", outstanding, 2, 64);
    locals = List.copyOf(locals);
    if (locals.isEmpty() || locals.size() > 4) {
      throw new ConfigException("locals: 1 to 4 local memories, got " + locals.size());
    }
    if (!locals.get(0).loadable()) {
      throw new ConfigException("locals: the first local memory must be loadable, got store-only "
          + locals.get(0).name());
    }
    if (loadTargets(locals).size() != locals.stream().filter(LocalMemory::loadable).count()) {
      throw new ConfigException("locals: loadable memories must come before the store-only ones (one target"
          + " numbering for both engines), got " + locals.stream().map(LocalMemory::name).toList());
    }
  }

  /** The local memories the load engine writes: the loadable ones, targets 0 to their count - 1. */
  public List<LocalMemory> loadTargets() {
    return loadTargets(locals);
  }

  private static List<LocalMemory> loadTargets(List<LocalMemory> locals) {
    return locals.stream().takeWhile(LocalMemory::loadable).toList();
  }

  public int busBytes() {
    return dataWidth / 8;
  }

  /** Bits of a byte position within a beat. */
  int laneIndexWidth() {
    return Bits.log2(busBytes());
  }

  /** Bits of a byte count within a beat (0 to the bus width). */
  int laneCountWidth() {
    return Bits.bitsFor(busBytes());
  }

  static int widestRowBytes(List<LocalMemory> memories) {
    return memories.stream().mapToInt(LocalMemory::rowBytes).max().orElseThrow();
  }

  int localAddressWidth() {
    return locals.stream().mapToInt(LocalMemory::addressWidth).max().orElseThrow();
  }

  /**
   * Rows the store engine fetches ahead: enough to cover the slowest source's latency and the two
   * queue stages behind it at one row per cycle.
   */
  int rowQueueDepth() {
    int latency = locals.stream().mapToInt(LocalMemory::readLatency).max().orElseThrow();
    return Math.max(4, Integer.highestOneBit(latency + 3) * 2);
  }

  /** Bits of a descriptor's target, the same for both engines: every local memory has a number. */
  int targetWidth() {
    return targetWidth(locals.size());
  }

  /** Bits of a target number below {@code targets}. */
  static int targetWidth(int targets) {
    return Bits.bitsFor(targets - 1);
  }

  /** The AXI4 master port the engines share. */
  public BusInterface bus(String name) {
    return new BusInterface(name, BusProtocol.AXI4, true, dataWidth, addressWidth, idWidth);
  }

  /** The name part every DMA module shares: bus shape, limits and reset style. */
  String nameSuffix() {
    return "d" + dataWidth + "_a" + addressWidth + "_b" + maxBurst + Resets.nameSuffix(reset);
  }

  /** The name part that depends on the local memories. */
  String localsSuffix() {
    StringBuilder text = new StringBuilder();
    for (LocalMemory local : locals) {
      text.append('_').append(local.name()).append(local.rowBytes());
    }
    return text.toString();
  }
}
