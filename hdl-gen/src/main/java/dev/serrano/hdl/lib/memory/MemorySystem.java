package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.dma.DmaConfig;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import dev.serrano.hdl.lib.dma.DmaReader;
import dev.serrano.hdl.lib.dma.DmaWriter;
import dev.serrano.hdl.lib.post.PostProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory_system_...}: the scratchpad, the accumulator and the two DMA engines behind one
 * AXI4 master port {@code m_axi_*}; the array side of both memories is left to the parent.
 *
 * <p>Loads ({@code load_desc_*}, the {@link DmaReader}) copy main memory into the scratchpad
 * (target 0) or the accumulator (target 1, overwriting rows); stores ({@code store_desc_*}, the
 * {@link DmaWriter}) copy scratchpad or accumulator rows out, and with {@code postProcess}
 * accumulator rows through the {@link PostProcess} unit as int8 rows of {@code accLanes} bytes
 * (target 2, "out": lane k's byte at byte k, addressed by accumulator row; its parameters are the
 * inputs {@code pp_*}, sampled with every row, so they are held stable during such a store). A
 * load naming target 2 moves nothing and reports DECERR. Each engine reports
 * {@code <engine>_busy}, a one-cycle {@code <engine>_done} and its first error. The array reads the
 * scratchpad through {@code sp_w_*} (weights) and {@code sp_a_*} (inputs) and writes the
 * accumulator through {@code acc_*} (overwrite or accumulate), with the banked memory's contract
 * and the execute unit's port names.
 *
 * <p>Clients of each bank, in round-robin order: scratchpad reads: array, store engine;
 * scratchpad writes: load engine; accumulator reads: store engine (target 1), post-processor
 * (target 2); accumulator writes: array, load engine. A load into one bank and array reads from
 * another never wait for each other, and the array filling one accumulator bank while a store
 * drains the other runs both at full rate.
 */
public final class MemorySystem {
  /**
   * @param spRowWidth bits per scratchpad row (a whole number of bytes): for an R x C array the
   *     wider of an input row (R elements) and a weight row (C elements)
   * @param accLanes lanes per accumulator row (the array's columns)
   * @param accWidth bits per accumulator lane
   * @param saturate whether accumulating writes saturate (else wrap)
   * @param postProcess whether stores have target 2, accumulator rows through {@link PostProcess}
   *     (needs {@code accWidth} 32)
   */
  public record Config(int spRowWidth, int accLanes, int accWidth, boolean saturate, boolean postProcess,
      int spBanks, int spRows,
      int accBanks, int accRows, int dataWidth, int addressWidth, int idWidth, int maxBurst, int outstanding,
      ResetStyle reset) {
    public Config {
      ConfigException.requireRange("spRowWidth", spRowWidth, 8, 4096);
      ConfigException.requireRange("accLanes", accLanes, 1, 256);
      ConfigException.requireRange("accWidth", accWidth, 8, 64);
      // Checked here too so that errors name the memory system's parameters, not the bank's.
      ConfigException.requirePowerOfTwo("spBanks", spBanks, 1, 64);
      ConfigException.requirePowerOfTwo("spRows", spRows, 2, 65536);
      ConfigException.requirePowerOfTwo("accBanks", accBanks, 1, 64);
      ConfigException.requirePowerOfTwo("accRows", accRows, 2, 65536);
      if (spRowWidth % 8 != 0) {
        throw new ConfigException("spRowWidth must be a whole number of bytes (a scratchpad row is copied byte by"
            + " byte), got " + spRowWidth + " bits");
      }
      if (accLanes * accWidth % 8 != 0) {
        throw new ConfigException("cols x accWidth must be a whole number of bytes, got " + accLanes + " x "
            + accWidth + " bits");
      }
      if (postProcess && accWidth != 32) {
        throw new ConfigException("postProcess needs accWidth 32 (TFLite requantisation is defined on int32"
            + " accumulators), got accWidth " + accWidth + "; set postProcess=false for other widths");
      }
    }

    /** A memory system for rows of {@code cols} elements of {@code input} (scratchpad) and {@code cols} lanes. */
    public static Config of(int cols, ElementType input, int accWidth, boolean saturate, boolean postProcess,
        int spBanks, int spRows,
        int accBanks, int accRows, int dataWidth, int addressWidth, int idWidth, int maxBurst, int outstanding,
        ResetStyle reset) {
      ConfigException.requireRange("cols", cols, 1, 256);
      if (cols * input.width() % 8 != 0) {
        throw new ConfigException("cols x input width must be a whole number of bytes (a scratchpad row is"
            + " copied byte by byte), got " + cols + " x " + input.width() + " bits");
      }
      return new Config(cols * input.width(), cols, accWidth, saturate, postProcess, spBanks, spRows, accBanks,
          accRows,
          dataWidth, addressWidth, idWidth, maxBurst, outstanding, reset);
    }

    /** Read clients: array weights, array inputs, store engine; write client: load engine. */
    public BankedMemory.Config scratchpad() {
      return BankedMemory.Config.scratchpad(spBanks, spRows, spRowWidth, 3, 1, reset);
    }

    /** Read clients: store engine, post-processor (with postProcess); write clients: array, load engine. */
    public BankedMemory.Config accumulator() {
      return BankedMemory.Config.accumulator(accBanks, accRows, new BankedMemory.Lanes(accLanes, accWidth, saturate),
          postProcess ? 2 : 1, 2, reset);
    }

    /** The post-processing unit of store target 2 (only with postProcess). */
    public PostProcess.Config postProcessor() {
      return new PostProcess.Config(accLanes, accWidth, reset);
    }

    /**
     * Targets 0 scratchpad, 1 accumulator and, with postProcess, 2 the post-processed accumulator:
     * int8 rows of accLanes bytes at accumulator addresses, back after the accumulator's read
     * cycle and the post-processor's latency.
     */
    public DmaConfig dma() {
      List<LocalMemory> locals = new ArrayList<>(List.of(
          new LocalMemory("sp", spRowWidth / 8, scratchpad().addressBits()),
          new LocalMemory("acc", accLanes * accWidth / 8, accumulator().addressBits())));
      if (postProcess) {
        locals.add(LocalMemory.storeOnly("out", accLanes, accumulator().addressBits(), 1 + PostProcess.LATENCY));
      }
      return new DmaConfig(dataWidth, addressWidth, idWidth, maxBurst, outstanding, locals, reset);
    }

    public String moduleName() {
      return "memory_system_sp" + spBanks + "x" + spRows + "x" + spRowWidth + "_acc" + accBanks + "x" + accRows
          + "x" + accLanes + "x" + accWidth + (saturate ? "s" : "") + (postProcess ? "_pp" : "") + "_d" + dataWidth
          + "_a" + addressWidth + "_i" + idWidth + "_b" + maxBurst + "_o" + outstanding + Resets.nameSuffix(reset);
    }
  }

  private MemorySystem() {}

  public static Module build(Config config) {
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), MemorySystem.class)
        .describe("scratchpad, accumulator and AXI4 DMA engines of a " + config.accLanes() + "-column array")
        .parameter("spRowWidth", config.spRowWidth())
        .parameter("accLanes", config.accLanes())
        .parameter("accWidth", config.accWidth())
        .parameter("saturate", config.saturate())
        .parameter("postProcess", config.postProcess())
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

    // The array's side, named as the execute unit's ports: scratchpad read clients 0 (weights) and
    // 1 (inputs), accumulator write client 0.
    exposeRenamed(b, sp, scratchpad, "array: scratchpad weight reads", clientPorts("rd0_", "sp_w_", READ_SIGNALS));
    exposeRenamed(b, sp, scratchpad, "array: scratchpad input reads", clientPorts("rd1_", "sp_a_", READ_SIGNALS));
    exposeRenamed(b, acc, accumulator, "array: accumulator writes", clientPorts("wr0_", "acc_",
        List.of("valid", "ready", "addr", "data", "accumulate")));

    // Engines to memories.
    link(b, load, reader, "sp_wr_", sp, scratchpad, "wr0_", List.of("valid", "ready", "addr", "data"));
    link(b, load, reader, "acc_wr_", acc, accumulator, "wr1_", List.of("valid", "ready", "addr", "data"));
    acc.connect("wr1_accumulate", Bits.constant(0, 1));
    link(b, store, writer, "sp_rd_", sp, scratchpad, "rd2_", READ_SIGNALS);
    link(b, store, writer, "acc_rd_", acc, accumulator, "rd0_", READ_SIGNALS);
    if (config.postProcess()) {
      postProcessedTarget(b, config, store, writer, acc, accumulator);
    }

    // Both engines share the bus: the load engine has the read channels, the store engine the write ones.
    BusPorts axi = b.bus(dma.bus("m_axi"));
    axi.connect(load, reader);
    axi.connect(store, writer);
    return b.build();
  }

  private static final List<String> READ_SIGNALS = List.of("valid", "ready", "addr", "data_valid", "data");
  /** The post-processor's per-row inputs that become memory-system inputs {@code pp_<name>}. */
  private static final List<String> POST_PROCESS_PARAMETERS = List.of("bias", "multiplier", "shift", "zero_point",
      "clamp_min", "clamp_max", "requantize");

  /**
   * Store target 2: the writer's {@code out} reads go to accumulator read client 1, whose rows
   * pass through the post-processor ({@code u_post}) back to the writer as int8 rows.
   *
   * <p>Nothing is lost although the writer cannot stall returned rows and fetches ahead further
   * than the post-processor holds: the writer always takes a returned row, so
   * {@code out_ready} stays high, a row leaves the post-processor {@link PostProcess#LATENCY}
   * cycles after it entered, and at most one enters per cycle; fewer than
   * {@link PostProcess#CAPACITY} rows are therefore ever inside, and {@code in_ready} never falls.
   */
  private static void postProcessedTarget(ModuleBuilder b, Config config, InstanceBuilder store, Module writer,
      InstanceBuilder acc, Module accumulator) {
    if (PostProcess.LATENCY >= PostProcess.CAPACITY) {
      throw new IllegalStateException("the post-processor must hold more rows (" + PostProcess.CAPACITY
          + ") than its latency (" + PostProcess.LATENCY + ") for an always-ready consumer");
    }
    Module post = PostProcess.build(config.postProcessor());
    InstanceBuilder pp = instance(b, "u_post", post, config.reset());
    exposeRenamed(b, pp, post, "post-processing of store target 2, sampled with each row",
        clientPorts("", "pp_", POST_PROCESS_PARAMETERS));
    pp.connect("out_int8", Bits.constant(1, 1));
    link(b, store, writer, "out_rd_", acc, accumulator, "rd1_", List.of("valid", "ready", "addr"));
    int rowBits = config.accLanes() * config.accWidth();
    Net accValid = b.wire("post_in_valid", Type.BIT);
    Net accRow = b.wire("post_in_data", Type.unsigned(rowBits));
    acc.connect("rd1_data_valid", accValid).connect("rd1_data", accRow);
    pp.connect("in_valid", accValid).connect("in_data", accRow);
    Net outValid = b.wire("post_out_valid", Type.BIT);
    Net outRow = b.wire("post_out_data", Type.unsigned(rowBits));
    pp.connect("out_valid", outValid).connect("out_ready", Bits.constant(1, 1)).connect("out_data", outRow);
    int int8Bits = 8 * config.accLanes();
    store.connect("out_rd_data_valid", outValid).connect("out_rd_data", outRow.slice(int8Bits - 1, 0));
    // in_ready is always high (see above); in int8 mode the bits above the packed bytes are zero.
    Net inReady = b.wire("post_in_ready", Type.BIT);
    pp.connect("in_ready", inReady);
    b.wire("unused_post", Value.concat(inReady, outRow.slice(rowBits - 1, int8Bits)));
  }

  private static Map<String, String> clientPorts(String clientPrefix, String exposedPrefix, List<String> signals) {
    Map<String, String> names = new HashMap<>();
    signals.forEach(signal -> names.put(clientPrefix + signal, exposedPrefix + signal));
    return names;
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
