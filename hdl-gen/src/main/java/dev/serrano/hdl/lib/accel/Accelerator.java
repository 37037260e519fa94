package dev.serrano.hdl.lib.accel;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Attachment;
import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.BusProtocol;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.lib.array.Dataflow;
import dev.serrano.hdl.lib.array.PeArray;
import dev.serrano.hdl.lib.csr.CsrBlock;
import dev.serrano.hdl.lib.csr.RegisterFiles;
import dev.serrano.hdl.lib.csr.RegisterMap;
import dev.serrano.hdl.lib.csr.RegisterMap.Field;
import dev.serrano.hdl.lib.memory.MemorySystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code accelerator_...}: the complete inference accelerator a host programs over AXI4-Lite. The
 * register block {@code u_csr} ({@link #registerMap}) takes 128-bit commands ({@link CommandFormat})
 * through the {@link GemmSequencer} {@code u_seq}, which expands a GEMM_START into the whole tiled
 * GEMM and passes every other command on, into the {@link Controller} {@code u_ctrl}, which dispatches LOAD and STORE to the DMA engines of
 * the {@link MemorySystem} {@code u_mem} (AXI4 master {@code m_axi}) and COMPUTE to the
 * weight-stationary {@link ExecuteUnit} {@code u_exec}; CONFIG commits the shadowed
 * post-processing registers between stores. The top adds what a host needs around them: status,
 * event flags with an interrupt ({@code irq}), the error addresses of the DMA engines, and 64-bit
 * performance counters.
 *
 * <p>Counters: {@code cycles} since reset; {@code busy_cycles} while any command is queued, being
 * expanded or running; {@code mac_slots}, R x C for every result row the array writes (every MAC the array
 * performs, padding of partial tiles included); {@code stall_<stage>_tokens}, cycles a queue's
 * head waits for a dependency token; {@code stall_memory_ports}, cycles the execute unit waits
 * for a scratchpad or accumulator port; {@code stall_axi_read} / {@code stall_axi_write}, cycles
 * an engine is busy and no data beat moves on its channel; {@code dma_read_bytes} (bus bytes of
 * every read beat) and {@code dma_write_bytes} (strobed bytes of every write beat).
 */
public final class Accelerator {
  public static final int VERSION = 0x0100;
  public static final int MAGIC = 0x5e72;
  /** Commands the register block buffers ahead of the controller's own queues. */
  public static final int COMMAND_FIFO_DEPTH = 8;
  public static final int CSR_ADDRESS_WIDTH = 12;
  /** Fixed offsets, so drivers and the C header agree for every configuration. */
  public static final long COUNTERS_OFFSET = 0x80;
  public static final long COMMAND_OFFSET = 0x100;
  public static final long POST_PROCESS_OFFSET = 0x120;
  public static final long BIAS_OFFSET = 0x400;
  public static final long MULTIPLIER_OFFSET = 0x800;
  public static final long SHIFT_OFFSET = 0xC00;
  public static final String COMMANDS_HEADER_SUFFIX = "_cmds.h";
  /** The prefix of the command macros, the register map's own prefix. */
  public static final String C_PREFIX = "SERRANO_ACCEL_";
  public static final String COMMANDS_MARKDOWN_SUFFIX = "_cmds.md";
  /** The performance counters, in register order. */
  public static final List<String> COUNTERS = List.of("cycles", "busy_cycles", "mac_slots", "stall_load_tokens",
      "stall_compute_tokens", "stall_store_tokens", "stall_memory_ports", "stall_axi_read", "stall_axi_write",
      "dma_read_bytes", "dma_write_bytes");

  /**
   * @param array the PE array: weight-stationary, 32-bit accumulators (the post-processing is int32)
   * @param spBanks scratchpad banks, spRows rows per bank (powers of two)
   * @param accBanks accumulator banks, accRows rows per bank (powers of two)
   * @param dataWidth AXI4 data bits; addressWidth AXI4 address bits (12 to 32: commands carry 32-bit
   *     addresses); idWidth, maxBurst, outstanding as in the DMA engines
   * @param queueDepth words of each controller queue; maxTokens the token counters' limit
   */
  public record Config(ArrayConfig array, int spBanks, int spRows, int accBanks, int accRows, int dataWidth,
      int addressWidth, int idWidth, int maxBurst, int outstanding, int queueDepth, int maxTokens) {
    public Config(ArrayConfig array, int spBanks, int spRows, int accBanks, int accRows, int dataWidth,
        int addressWidth, int idWidth, int maxBurst, int outstanding, int queueDepth, int maxTokens) {
      if (array.dataflow() != Dataflow.WS) {
        throw new ConfigException("dataflow must be ws for the accelerator (its execute unit is weight-stationary),"
            + " got " + array.dataflow());
      }
      if (array.accWidth() != 32) {
        throw new ConfigException("accWidth must be 32 for the accelerator (TFLite post-processing works on int32"
            + " accumulators), got " + array.accWidth());
      }
      ConfigException.requireRange("addressWidth", addressWidth, 12, 32);
      this.array = array;
      this.spBanks = spBanks;
      this.spRows = spRows;
      this.accBanks = accBanks;
      this.accRows = accRows;
      this.dataWidth = dataWidth;
      this.addressWidth = addressWidth;
      this.idWidth = idWidth;
      this.maxBurst = maxBurst;
      this.outstanding = outstanding;
      this.queueDepth = queueDepth;
      this.maxTokens = maxTokens;
      // The memory system checks each of its parameters' ranges first, so that a value out of its own
      // range is named as such rather than by the check below.
      memory();
      // A COMPUTE preloads R scratchpad rows and reads at least one input row: fewer rows than
      // that made the execute unit's row constants overflow their address width.
      if ((long) spBanks * spRows < array.rows() + 1L) {
        throw new ConfigException("spBanks x spRows must give the scratchpad at least R + 1 = " + (array.rows() + 1)
            + " rows (a weight tile and an input row), got " + spBanks + " x " + spRows + " = "
            + (long) spBanks * spRows);
      }
      // The parts validate the rest, each naming its parameter.
      controller();
      execute();
      memory().dma();
    }

    ResetStyle reset() {
      return array.reset();
    }

    /** Scratchpad row: the wider of an input row (R elements) and a weight row (C elements), whole bytes. */
    public int spRowBytes() {
      int bits = Math.max(array.rows() * array.input().width(), array.cols() * array.weight().width());
      return (bits + 7) / 8;
    }

    public MemorySystem.Config memory() {
      return new MemorySystem.Config(spRowBytes() * 8, array.cols(), array.accWidth(), array.saturate(), true, spBanks,
          spRows, accBanks, accRows, dataWidth, addressWidth, idWidth, maxBurst, outstanding, reset());
    }

    public ExecuteUnit.Config execute() {
      return new ExecuteUnit.Config(array, memory().scratchpad().addressBits(), spRowBytes() * 8,
          memory().accumulator().addressBits());
    }

    public GemmSequencer.Config sequencer() {
      return new GemmSequencer.Config(array.rows(), array.cols(), reset());
    }

    public Controller.Config controller() {
      int sp = memory().scratchpad().addressBits();
      int acc = memory().accumulator().addressBits();
      return new Controller.Config(addressWidth, Math.max(sp, acc), sp, acc, queueDepth, maxTokens,
          execute().commandsHeld(), reset());
    }

    public String moduleName() {
      return "accelerator_" + PeArray.moduleName(array).replaceFirst("^pe_array_", "") + "_sp" + spBanks + "x"
          + spRows + "_acc" + accBanks + "x" + accRows + "_d" + dataWidth + "_a" + addressWidth + "_i" + idWidth
          + "_b" + maxBurst + "_o" + outstanding + "_q" + queueDepth + "_t" + maxTokens;
    }
  }

  private Accelerator() {}

  /** The host's view: identification, configuration readback, status, events, counters, commands, post-processing. */
  public static RegisterMap registerMap(Config config) {
    ArrayConfig array = config.array();
    RegisterMap.Builder map = RegisterMap.builder("serrano_accel", "Serrano inference accelerator")
        .constant("id", "identification: version and a magic number",
            Field.of("version", 15, 0, "register map version, major.minor in bytes").withReset(VERSION),
            Field.of("magic", 31, 16, "0x5e72 identifies a Serrano block").withReset(MAGIC))
        .constant("array_shape", "PE array: R rows (input elements) by C columns (outputs)",
            Field.of("rows", 15, 0, "R").withReset(array.rows()),
            Field.of("cols", 31, 16, "C").withReset(array.cols()))
        .constant("elements", "element types",
            Field.of("input_bits", 7, 0, "input element bits").withReset(array.input().width()),
            Field.bit("input_signed", 8, "inputs are signed").withReset(array.input().signed() ? 1 : 0),
            Field.of("weight_bits", 23, 16, "weight element bits").withReset(array.weight().width()),
            Field.bit("weight_signed", 24, "weights are signed").withReset(array.weight().signed() ? 1 : 0))
        .constant("scratchpad", "scratchpad: banks, log2 rows per bank, bytes per row",
            Field.of("banks", 7, 0, "banks").withReset(config.spBanks()),
            Field.of("log2_rows", 15, 8, "log2 of the rows per bank").withReset(Bits.log2(config.spRows())),
            Field.of("row_bytes", 31, 16, "bytes per row").withReset(config.spRowBytes()))
        .constant("accumulator", "accumulator: banks, log2 rows per bank, bytes per row",
            Field.of("banks", 7, 0, "banks").withReset(config.accBanks()),
            Field.of("log2_rows", 15, 8, "log2 of the rows per bank").withReset(Bits.log2(config.accRows())),
            Field.of("row_bytes", 31, 16, "bytes per row").withReset(array.cols() * 4L))
        .constant("bus", "AXI4 master of the DMA engines",
            Field.of("data_bytes", 7, 0, "bytes per data beat").withReset(config.dataWidth() / 8),
            Field.of("address_bits", 15, 8, "address bits").withReset(config.addressWidth()),
            Field.of("max_burst", 24, 16, "beats per burst at most").withReset(config.maxBurst()),
            Field.of("outstanding", 31, 25, "bursts in flight per engine at most").withReset(config.outstanding()))
        .constant("queues", "controller command queues",
            Field.of("depth", 15, 0, "words per queue").withReset(config.queueDepth()),
            Field.of("max_tokens", 23, 16, "dependency tokens per direction at most").withReset(config.maxTokens()))
        .status("status", "what runs",
            Field.bit("busy", 0, "a command is queued, being expanded (GEMM sequencer) or running"),
            Field.bit("load_busy", 1, "the load engine has a descriptor"),
            Field.bit("store_busy", 2, "the store engine has a descriptor"),
            Field.bit("exec_idle", 3, "the execute unit has written every result"),
            Field.bit("error_opcode", 4, "an unknown opcode was dropped (until reset)"))
        .flags("events", "sticky event flags, write 1 to clear",
            Field.bit("fence", 0, "a FENCE was taken: everything before it has completed"),
            Field.bit("opcode_error", 1, "an unknown opcode was dropped"),
            Field.bit("load_error", 2, "a load got SLVERR or DECERR (address in load_error_addr)"),
            Field.bit("store_error", 3, "a store got SLVERR or DECERR (address in store_error_addr)"),
            Field.bit("config", 4, "a CONFIG made the shadow post-processing registers active"))
        .interruptEnable("irq_enable", "events", "interrupt enables of the event flags")
        .status("load_error_addr", "address of the first failing beat of the last failing load",
            Field.of("value", 31, 0, "byte address"))
        .status("store_error_addr", "address of the first failing burst of the last failing store",
            Field.of("value", 31, 0, "byte address"))
        .status("error_resp", "responses of the last failing load and store",
            Field.of("load", 1, 0, "AXI RRESP"), Field.of("store", 9, 8, "AXI BRESP"))
        .at(COUNTERS_OFFSET);
    for (String counter : COUNTERS) {
      map.counter64(counter, counterText(counter));
    }
    List<Field> noFields = List.of();
    map.at(COMMAND_OFFSET).command("cmd", COMMAND_FIFO_DEPTH,
        "command: word i holds command bits 32i+31 to 32i (see the command table)",
        List.of(noFields, noFields, noFields, noFields));
    map.at(POST_PROCESS_OFFSET)
        .shadowedConfig("pp_control", "post-processing of STORE target 2, committed by CONFIG",
            Field.bit("requantize", 0, "apply the TFLite requantisation (else only bias and clamps)").withReset(0))
        .shadowedConfig("pp_zero_point", "output zero point (int32), committed by CONFIG",
            Field.of("value", 31, 0, "zero point"))
        .shadowedConfig("pp_clamp_min", "lower clamp (int32), committed by CONFIG",
            Field.of("value", 31, 0, "minimum").withReset(0x8000_0000L))
        .shadowedConfig("pp_clamp_max", "upper clamp (int32), committed by CONFIG",
            Field.of("value", 31, 0, "maximum").withReset(0x7fff_ffffL));
    perLane(map, config, BIAS_OFFSET, "pp_bias", "bias (int32) added to column %d", 32);
    perLane(map, config, MULTIPLIER_OFFSET, "pp_multiplier", "quantised multiplier (int32) of column %d", 32);
    perLane(map, config, SHIFT_OFFSET, "pp_shift", "shift (int8, left if positive) of column %d", 8);
    return map.build();
  }

  private static void perLane(RegisterMap.Builder map, Config config, long offset, String name, String text, int bits) {
    map.at(offset);
    for (int k = 0; k < config.array().cols(); k++) {
      map.shadowedConfig(name + "_" + k, String.format(text, k) + ", committed by CONFIG",
          Field.of("value", bits - 1, 0, "value"));
    }
  }

  private static String counterText(String counter) {
    return switch (counter) {
      case "cycles" -> "cycles since reset";
      case "busy_cycles" -> "cycles with a command queued, being expanded or running";
      case "mac_slots" -> "MACs performed by the array (R x C per result row, padding included)";
      case "stall_load_tokens" -> "cycles the LOAD queue's head waits for a token";
      case "stall_compute_tokens" -> "cycles the COMPUTE queue's head waits for a token";
      case "stall_store_tokens" -> "cycles the STORE queue's head waits for a token";
      case "stall_memory_ports" -> "cycles the execute unit waits for a scratchpad or accumulator port";
      case "stall_axi_read" -> "cycles the load engine is busy and no read beat moves";
      case "stall_axi_write" -> "cycles the store engine is busy and no write beat moves";
      case "dma_read_bytes" -> "bytes of the read beats (whole beats)";
      case "dma_write_bytes" -> "bytes written (strobed bytes of the write beats)";
      default -> throw new IllegalArgumentException(counter);
    };
  }

  public static Module build(Config config) {
    return new Builder(config).build();
  }

  /** One elaboration: the four parts, the nets between them, then status, events and counters. */
  private static final class Builder {
    private final Config config;
    private final ModuleBuilder b;
    private final Map<String, Net> nets = new LinkedHashMap<>();

    Builder(Config config) {
      this.config = config;
      ArrayConfig array = config.array();
      this.b = new ModuleBuilder(config.moduleName(), Accelerator.class)
          .describe(array.rows() + " x " + array.cols() + " weight-stationary inference accelerator: AXI4-Lite"
              + " registers and commands, scratchpad, accumulator, AXI4 DMA, post-processing")
          .parameter("rows", array.rows())
          .parameter("cols", array.cols())
          .parameter("input", array.input().toString())
          .parameter("weight", array.weight().toString())
          .parameter("spBanks", config.spBanks())
          .parameter("spRows", config.spRows())
          .parameter("accBanks", config.accBanks())
          .parameter("accRows", config.accRows())
          .parameter("dataWidth", config.dataWidth())
          .parameter("addressWidth", config.addressWidth())
          .parameter("idWidth", config.idWidth())
          .parameter("maxBurst", config.maxBurst())
          .parameter("outstanding", config.outstanding())
          .parameter("queueDepth", config.queueDepth())
          .parameter("maxTokens", config.maxTokens())
          .parameter("reset", Resets.parameterValue(config.reset()));
    }

    Module build() {
      ResetStyle reset = config.reset();
      b.clockAndReset(reset);
      RegisterMap map = registerMap(config);
      Module csrModule = CsrBlock.build(map, new CsrBlock.Config(config.moduleName() + "_csr", CSR_ADDRESS_WIDTH, reset));
      Module seqModule = GemmSequencer.build(config.sequencer());
      Module ctrlModule = Controller.build(config.controller());
      Module memModule = MemorySystem.build(config.memory());
      Module execModule = ExecuteUnit.build(config.execute());
      InstanceBuilder csr = instance("u_csr", csrModule);
      InstanceBuilder seq = instance("u_seq", seqModule);
      InstanceBuilder ctrl = instance("u_ctrl", ctrlModule);
      InstanceBuilder mem = instance("u_mem", memModule);
      InstanceBuilder exec = instance("u_exec", execModule);

      b.group("host: AXI4-Lite registers and commands");
      b.bus(new BusInterface("s_axi", BusProtocol.AXI4_LITE, false, 32, CSR_ADDRESS_WIDTH, 0)).connect(csr, csrModule);
      b.group("memory: AXI4 master of both DMA engines");
      BusPorts axi = b.bus(config.memory().dma().bus("m_axi"));
      axi.connect(mem, memModule);
      b.group("interrupt");
      Net irq = b.output("irq", Type.BIT);

      // Commands: register block -> GEMM sequencer -> controller -> engines and execute unit.
      for (String signal : List.of("valid", "ready", "data")) {
        join(csr, csrModule, "cmd_" + signal, "cmd_" + signal);
        join(seq, seqModule, "cmd_" + signal, "cmd_" + signal);
        join(seq, seqModule, "out_" + signal, "ctrl_cmd_" + signal);
        join(ctrl, ctrlModule, "cmd_" + signal, "ctrl_cmd_" + signal);
      }
      for (Port port : ctrlModule.ports()) {
        String name = port.name();
        if (name.startsWith("load_") || name.startsWith("store_")) {
          join(ctrl, ctrlModule, name, name);
          if (!name.endsWith("_blocked")) {
            join(mem, memModule, name, name);
          }
        } else if (name.startsWith("exec_cmd_")) {
          join(ctrl, ctrlModule, name, name);
          join(exec, execModule, name.substring("exec_".length()), name);
        }
      }
      join(ctrl, ctrlModule, "exec_idle", "exec_idle");
      join(exec, execModule, "idle", "exec_idle");
      join(ctrl, ctrlModule, "exec_done", "exec_done");
      join(exec, execModule, "done", "exec_done");
      // The array's side of the memories, named alike on both.
      for (Port port : execModule.ports()) {
        String name = port.name();
        if (name.startsWith("sp_w_") || name.startsWith("sp_a_") || name.startsWith("acc_")) {
          join(exec, execModule, name, name);
          join(mem, memModule, name, name);
        }
      }
      for (String name : List.of("fence_done", "error_opcode", "compute_blocked")) {
        join(ctrl, ctrlModule, name, name);
      }
      // Busy while a command waits in or is expanded by the sequencer, too: a GEMM_START stays busy to its FENCE.
      Net ctrlBusy = join(ctrl, ctrlModule, "busy", "ctrl_busy");
      Net seqBusy = join(seq, seqModule, "busy", "seq_busy");
      nets.put("busy", b.wire("busy", ctrlBusy.or(seqBusy)));
      join(ctrl, ctrlModule, "config_commit", "config_commit");
      join(csr, csrModule, "commit", "config_commit");
      postProcessing(csr, csrModule, mem, memModule);
      for (String name : List.of("load_busy", "store_busy", "load_error", "store_error", "load_error_addr",
          "store_error_addr", "load_error_resp", "store_error_resp")) {
        join(mem, memModule, name, name);
      }

      statusAndEvents(csr, csrModule, irq);
      counters(csr, csrModule, axi);
      RegisterFiles.attachments(map, config.moduleName()).forEach(b::attach);
      String guard = config.moduleName().toUpperCase() + "_CMDS_H";
      b.attach(new Attachment.File(COMMANDS_HEADER_SUFFIX, "/* Command word of " + config.moduleName()
          + ", generated by Serrano: do not edit. */\n#ifndef " + guard + "\n#define " + guard + "\n"
          + CommandFormat.cHeader(C_PREFIX) + "#endif\n"));
      b.attach(new Attachment.File(COMMANDS_MARKDOWN_SUFFIX, "# Commands of " + config.moduleName() + "\n\n"
          + CommandFormat.markdownTable()));
      return b.build();
    }

    private InstanceBuilder instance(String name, Module module) {
      return b.instance(name, module).connect("clk", b.clock()).connect(config.reset().defaultPortName(), b.reset());
    }

    /** Connects {@code port} of the instance to the net {@code net}, created with the port's type. */
    private Net join(InstanceBuilder instance, Module module, String port, String net) {
      Port p = module.port(port).orElseThrow(() -> new IllegalStateException(module.name() + " has no port " + port));
      Net n = net(net, p.type());
      instance.connect(port, n);
      return n;
    }

    private Net net(String name, Type type) {
      Net n = nets.computeIfAbsent(name, key -> b.wire(key, type));
      if (n.width() != type.width()) {
        throw new IllegalStateException("net " + name + " is " + n.width() + " bits, a port on it " + type.width());
      }
      return n;
    }

    /** The active post-processing registers into the memory system's {@code pp_*} inputs. */
    private void postProcessing(InstanceBuilder csr, Module csrModule, InstanceBuilder mem, Module memModule) {
      Map<String, String> scalars = Map.of("pp_requantize", "pp_control_requantize",
          "pp_zero_point", "pp_zero_point_value", "pp_clamp_min", "pp_clamp_min_value",
          "pp_clamp_max", "pp_clamp_max_value");
      for (Port port : memModule.ports()) {
        String name = port.name();
        if (!name.startsWith("pp_")) {
          continue;
        }
        Value value = scalars.containsKey(name) ? field(csr, csrModule, scalars.get(name)) : lanes(csr, csrModule, name);
        mem.connect(name, b.wire(name, value.width() == port.type().width() ? value : value.slice(port.type().width() - 1, 0)));
      }
    }

    /** Column k's register {@code <name>_<k>} in bits [k w +: w] of one vector. */
    private Value lanes(InstanceBuilder csr, Module csrModule, String name) {
      List<Value> msbFirst = new ArrayList<>();
      for (int k = config.array().cols() - 1; k >= 0; k--) {
        msbFirst.add(field(csr, csrModule, name + "_" + k + "_value"));
      }
      return Value.concat(msbFirst.toArray(Value[]::new));
    }

    private Value field(InstanceBuilder csr, Module csrModule, String port) {
      return join(csr, csrModule, port, "csr_" + port);
    }

    private void statusAndEvents(InstanceBuilder csr, Module csrModule, Net irq) {
      feed(csr, csrModule, "status_busy", nets.get("busy"));
      feed(csr, csrModule, "status_load_busy", nets.get("load_busy"));
      feed(csr, csrModule, "status_store_busy", nets.get("store_busy"));
      feed(csr, csrModule, "status_exec_idle", nets.get("exec_idle"));
      feed(csr, csrModule, "status_error_opcode", nets.get("error_opcode"));
      Reg opcodeError = b.reg("error_opcode_q", Type.BIT).resetTo(0).next(nets.get("error_opcode"));
      Value loadFailed = b.wire("load_failed", nets.get("load_done").and(nets.get("load_error")));
      Value storeFailed = b.wire("store_failed", nets.get("store_done").and(nets.get("store_error")));
      feed(csr, csrModule, "events_fence_set", nets.get("fence_done"));
      feed(csr, csrModule, "events_opcode_error_set", nets.get("error_opcode").and(opcodeError.not()));
      feed(csr, csrModule, "events_load_error_set", loadFailed);
      feed(csr, csrModule, "events_store_error_set", storeFailed);
      feed(csr, csrModule, "events_config_set", nets.get("config_commit"));
      // The engines hold an error only until their next descriptor; the top keeps the last failing one.
      feed(csr, csrModule, "load_error_addr_value", latch("load_error_addr_q", loadFailed, nets.get("load_error_addr")));
      feed(csr, csrModule, "store_error_addr_value", latch("store_error_addr_q", storeFailed, nets.get("store_error_addr")));
      feed(csr, csrModule, "error_resp_load", latch("load_error_resp_q", loadFailed, nets.get("load_error_resp")));
      feed(csr, csrModule, "error_resp_store", latch("store_error_resp_q", storeFailed, nets.get("store_error_resp")));
      csr.connect("irq", irq);
    }

    /** A register loaded with {@code value} (its low 32 bits) at every {@code when}. */
    private Value latch(String name, Value when, Value value) {
      Value low = value.width() > 32 ? value.slice(31, 0) : value;
      return b.reg(name, Type.unsigned(low.width())).resetTo(0).enable(when).next(low);
    }

    private void feed(InstanceBuilder csr, Module csrModule, String port, Value value) {
      int width = csrModule.port(port).orElseThrow().type().width();
      csr.connect(port, value.width() == width ? value : value.zext(width));
    }

    private void counters(InstanceBuilder csr, Module csrModule, BusPorts axi) {
      ArrayConfig array = config.array();
      Value one = Bits.constant(1, 1);
      Value memoryWait = nets.get("sp_w_valid").and(nets.get("sp_w_ready").not())
          .or(nets.get("sp_a_valid").and(nets.get("sp_a_ready").not()))
          .or(nets.get("acc_valid").and(nets.get("acc_ready").not()));
      Value readBeat = axi.in("rvalid").and(axi.out("rready"));
      Value writeBeat = axi.out("wvalid").and(axi.in("wready"));
      Map<String, Value> increments = new LinkedHashMap<>();
      increments.put("cycles", one);
      increments.put("busy_cycles", nets.get("busy"));
      increments.put("mac_slots", Value.mux(nets.get("acc_valid").and(nets.get("acc_ready")),
          Bits.constant((long) array.rows() * array.cols(), 32), Bits.constant(0, 32)));
      increments.put("stall_load_tokens", nets.get("load_blocked"));
      increments.put("stall_compute_tokens", nets.get("compute_blocked"));
      increments.put("stall_store_tokens", nets.get("store_blocked"));
      increments.put("stall_memory_ports", memoryWait);
      increments.put("stall_axi_read", nets.get("load_busy").and(readBeat.not()));
      increments.put("stall_axi_write", nets.get("store_busy").and(writeBeat.not()));
      increments.put("dma_read_bytes", Value.mux(readBeat, Bits.constant(config.dataWidth() / 8, 32),
          Bits.constant(0, 32)));
      increments.put("dma_write_bytes", Value.mux(writeBeat, popCount(axi.out("wstrb")), Bits.constant(0, 32)));
      for (String counter : COUNTERS) {
        Reg count = b.reg(counter + "_q", Type.unsigned(64)).resetTo(0);
        count.next(count.add(increments.get(counter).zext(64), 64));
        csr.connect(counter, count);
      }
    }

    /** The number of set bits, 32 bits wide, as a balanced tree of adders. */
    private static Value popCount(Value bits) {
      List<Value> level = new ArrayList<>();
      for (int i = 0; i < bits.width(); i++) {
        level.add(bits.bit(i).zext(32));
      }
      while (level.size() > 1) {
        List<Value> next = new ArrayList<>();
        for (int i = 0; i + 1 < level.size(); i += 2) {
          next.add(level.get(i).add(level.get(i + 1), 32));
        }
        if (level.size() % 2 == 1) {
          next.add(level.get(level.size() - 1));
        }
        level = next;
      }
      return level.get(0);
    }
  }
}
