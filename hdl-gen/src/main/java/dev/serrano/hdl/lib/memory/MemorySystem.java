package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.dma.DmaConfig;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import dev.serrano.hdl.lib.dma.DmaReader;
import dev.serrano.hdl.lib.dma.DmaWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory_system_...}: the scratchpad, the accumulator and the two DMA engines behind one
 * AXI4 master port {@code m_axi_*}; the array side of both memories is left to the parent.
 *
 * <p>Loads ({@code load_desc_*}, the {@link DmaReader}) copy main memory into the scratchpad
 * (target 0) or the accumulator (target 1, overwriting rows); stores ({@code store_desc_*}, the
 * {@link DmaWriter}) copy scratchpad or accumulator rows out. Each engine reports
 * {@code <engine>_busy}, a one-cycle {@code <engine>_done} and its first error. The array reads the
 * scratchpad through {@code sp_rd_*} and writes the accumulator through {@code acc_wr_*}
 * (overwrite or accumulate), with the banked memory's contract.
 *
 * <p>Clients of each bank, in round-robin order: scratchpad reads: array, store engine;
 * scratchpad writes: load engine; accumulator reads: store engine; accumulator writes: array, load
 * engine. A load into one bank and array reads from another never wait for each other, and the
 * array filling one accumulator bank while a store drains the other runs both at full rate.
 */
public final class MemorySystem {
  static final int TARGET_SCRATCHPAD = 0;
  static final int TARGET_ACCUMULATOR = 1;

  /**
   * @param cols elements per scratchpad row and lanes per accumulator row
   * @param input the element type of scratchpad rows
   * @param accWidth bits per accumulator lane
   * @param saturate whether accumulating writes saturate (else wrap)
   */
  public record Config(int cols, ElementType input, int accWidth, boolean saturate, int spBanks, int spRows,
      int accBanks, int accRows, int dataWidth, int addressWidth, int idWidth, int maxBurst, int outstanding,
      ResetStyle reset) {
    public Config {
      ConfigException.requireRange("cols", cols, 1, 256);
      ConfigException.requireRange("accWidth", accWidth, 8, 64);
      if (cols * input.width() % 8 != 0) {
        throw new ConfigException("cols x input width must be a whole number of bytes (a scratchpad row is"
            + " copied byte by byte), got " + cols + " x " + input.width() + " bits");
      }
      if (cols * accWidth % 8 != 0) {
        throw new ConfigException("cols x accWidth must be a whole number of bytes, got " + cols + " x "
            + accWidth + " bits");
      }
      scratchpad(cols, input, spBanks, spRows, reset);
      accumulator(cols, accWidth, saturate, accBanks, accRows, reset);
      dma(dataWidth, addressWidth, idWidth, maxBurst, outstanding, cols, input, accWidth, spBanks, spRows,
          accBanks, accRows, reset);
    }

    public BankedMemory.Config scratchpad() {
      return scratchpad(cols, input, spBanks, spRows, reset);
    }

    public BankedMemory.Config accumulator() {
      return accumulator(cols, accWidth, saturate, accBanks, accRows, reset);
    }

    public DmaConfig dma() {
      return dma(dataWidth, addressWidth, idWidth, maxBurst, outstanding, cols, input, accWidth, spBanks, spRows,
          accBanks, accRows, reset);
    }

    private static BankedMemory.Config scratchpad(int cols, ElementType input, int banks, int rows,
        ResetStyle reset) {
      return BankedMemory.Config.scratchpad(banks, rows, cols * input.width(), 2, 1, reset);
    }

    private static BankedMemory.Config accumulator(int cols, int accWidth, boolean saturate, int banks, int rows,
        ResetStyle reset) {
      return BankedMemory.Config.accumulator(banks, rows, new BankedMemory.Lanes(cols, accWidth, saturate), 1, 2,
          reset);
    }

    private static DmaConfig dma(int dataWidth, int addressWidth, int idWidth, int maxBurst, int outstanding,
        int cols, ElementType input, int accWidth, int spBanks, int spRows, int accBanks, int accRows,
        ResetStyle reset) {
      BankedMemory.Config sp = scratchpad(cols, input, spBanks, spRows, reset);
      BankedMemory.Config acc = accumulator(cols, accWidth, false, accBanks, accRows, reset);
      return new DmaConfig(dataWidth, addressWidth, idWidth, maxBurst, outstanding, List.of(
          new LocalMemory("sp", cols * input.width() / 8, sp.addressBits()),
          new LocalMemory("acc", cols * accWidth / 8, acc.addressBits())), reset);
    }

    public String moduleName() {
      return "memory_system_c" + cols + "_" + input.toString() + "_a" + accWidth + (saturate ? "s" : "")
          + "_sp" + spBanks + "x" + spRows + "_acc" + accBanks + "x" + accRows + "_d" + dataWidth + "_a"
          + addressWidth + "_i" + idWidth + "_b" + maxBurst + "_o" + outstanding + Resets.nameSuffix(reset);
    }
  }

  private MemorySystem() {}

  public static Module build(Config config) {
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), MemorySystem.class)
        .describe("scratchpad, accumulator and AXI4 DMA engines of a " + config.cols() + "-column array")
        .parameter("cols", config.cols())
        .parameter("input", config.input().toString())
        .parameter("accWidth", config.accWidth())
        .parameter("saturate", config.saturate())
        .parameter("spBanks", config.spBanks())
        .parameter("spRows", config.spRows())
        .parameter("accBanks", config.accBanks())
        .parameter("accRows", config.accRows())
        .parameter("dataWidth", config.dataWidth())
        .parameter("addressWidth", config.addressWidth())
        .parameter("idWidth", config.idWidth())
        .parameter("maxBurst", config.maxBurst())
        .parameter("outstanding", config.outstanding())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    DmaConfig dma = config.dma();
    Module reader = DmaReader.build(dma);
    Module writer = DmaWriter.build(dma);
    Module scratchpad = BankedMemory.build(config.scratchpad());
    Module accumulator = BankedMemory.build(config.accumulator());

    InstanceBuilder load = instance(b, "u_load", reader, config.reset());
    InstanceBuilder store = instance(b, "u_store", writer, config.reset());
    InstanceBuilder sp = instance(b, "u_scratchpad", scratchpad, config.reset());
    InstanceBuilder acc = instance(b, "u_accumulator", accumulator, config.reset());
    exposeGroups(b, load, reader, "load_", List.of("descriptor", "completion"));
    exposeGroups(b, store, writer, "store_", List.of("descriptor", "completion"));

    // The array's side: scratchpad read client 0, accumulator write client 0.
    exposeRenamed(b, sp, scratchpad, "array: scratchpad reads", Map.of(
        "rd0_valid", "sp_rd_valid", "rd0_ready", "sp_rd_ready", "rd0_addr", "sp_rd_addr",
        "rd0_data_valid", "sp_rd_data_valid", "rd0_data", "sp_rd_data"));
    exposeRenamed(b, acc, accumulator, "array: accumulator writes", Map.of(
        "wr0_valid", "acc_wr_valid", "wr0_ready", "acc_wr_ready", "wr0_addr", "acc_wr_addr",
        "wr0_data", "acc_wr_data", "wr0_accumulate", "acc_wr_accumulate"));

    // Engines to memories.
    link(b, load, reader, "sp_wr_", sp, scratchpad, "wr0_", List.of("valid", "ready", "addr", "data"));
    link(b, load, reader, "acc_wr_", acc, accumulator, "wr1_", List.of("valid", "ready", "addr", "data"));
    acc.connect("wr1_accumulate", Bits.constant(0, 1));
    link(b, store, writer, "sp_rd_", sp, scratchpad, "rd1_", List.of("valid", "ready", "addr", "data_valid", "data"));
    link(b, store, writer, "acc_rd_", acc, accumulator, "rd0_",
        List.of("valid", "ready", "addr", "data_valid", "data"));

    // Both engines share the bus: the load engine has the read channels, the store engine the write ones.
    BusPorts axi = b.bus(dma.bus("m_axi"));
    for (InstanceBuilder engine : List.of(load, store)) {
      Module engineModule = engine == load ? reader : writer;
      for (Port port : engineModule.ports()) {
        if (!port.name().startsWith("m_axi_")) {
          continue;
        }
        String signal = port.name().substring("m_axi_".length());
        engine.connect(port.name(), port.direction() == Direction.INPUT ? axi.in(signal) : axi.out(signal));
      }
    }
    return b.build();
  }

  private static InstanceBuilder instance(ModuleBuilder b, String name, Module module, ResetStyle reset) {
    return b.instance(name, module).connect("clk", b.clock()).connect(reset.defaultPortName(), b.reset());
  }

  /** The ports of some groups of a submodule become ports of the parent, named with a prefix. */
  private static void exposeGroups(ModuleBuilder b, InstanceBuilder instance, Module module, String prefix,
      List<String> groups) {
    for (String group : groups) {
      b.group(prefix + group);
      for (Port port : module.ports()) {
        if (port.group().equals(group)) {
          expose(b, instance, port, prefix + port.name());
        }
      }
    }
  }

  private static void exposeRenamed(ModuleBuilder b, InstanceBuilder instance, Module module, String group,
      Map<String, String> names) {
    b.group(group);
    for (Port port : module.ports()) {
      String name = names.get(port.name());
      if (name != null) {
        expose(b, instance, port, name);
      }
    }
  }

  private static void expose(ModuleBuilder b, InstanceBuilder instance, Port port, String name) {
    if (port.direction() == Direction.INPUT) {
      instance.connect(port.name(), b.input(name, port.type()));
    } else {
      instance.connect(port.name(), b.output(name, port.type()));
    }
  }

  /**
   * Joins same-named signals of two submodules through wires {@code <from instance>_<signal>}:
   * {@code <fromPrefix><signal>} of one to {@code <toPrefix><signal>} of the other.
   */
  private static void link(ModuleBuilder b, InstanceBuilder from, Module fromModule, String fromPrefix,
      InstanceBuilder to, Module toModule, String toPrefix, List<String> signals) {
    Map<String, Port> fromPorts = new HashMap<>();
    fromModule.ports().forEach(p -> fromPorts.put(p.name(), p));
    for (String signal : signals) {
      Port port = fromPorts.get(fromPrefix + signal);
      Port other = toModule.port(toPrefix + signal).orElseThrow();
      if (port.type().width() != other.type().width()) {
        throw new IllegalStateException(fromPrefix + signal + " is " + port.type().width() + " bits, "
            + toPrefix + signal + " " + other.type().width());
      }
      Net wire = b.wire(from.name().substring(2) + "_" + fromPrefix + signal, port.type());
      from.connect(port.name(), wire);
      to.connect(other.name(), wire);
    }
  }
}
