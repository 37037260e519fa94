package dev.serrano.hdl.lib.csr;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.BusProtocol;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Fifo;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.csr.RegisterMap.Field;
import dev.serrano.hdl.lib.csr.RegisterMap.Kind;
import dev.serrano.hdl.lib.csr.RegisterMap.Register;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The AXI4-Lite slave of a {@link RegisterMap}: bus {@code s_axi} (32-bit data) and, per register,
 * hardware-side ports named after the register and field:
 * <ul>
 *   <li>CONFIG field: output {@code <reg>_<field>} (the active copy when shadowed); input
 *       {@code commit} (when any register is shadowed) copies every shadow to its active copy;
 *   <li>STATUS field: input {@code <reg>_<field>}; 64-bit counter: input {@code <counter>};
 *   <li>FLAGS field: input {@code <reg>_<field>_set}, a pulse (any bit high sets that flag bit);
 *   <li>command: {@code <cmd>_valid}, {@code <cmd>_ready}, {@code <cmd>_data} (word 0 in the low bits),
 *       a FIFO of {@code depth} entries plus its output register;
 *   <li>{@code irq} (when the map has an interrupt enable): high while any enabled flag is set.
 * </ul>
 *
 * <p>AXI4-Lite contract: AW and W are buffered independently (each may come first, or both in one
 * cycle); AWREADY is high while no address is buffered, WREADY while no data is, ARREADY while no
 * read response is pending, none of them depending on a VALID input. A buffered write is performed
 * once both halves are there and no write response is pending; BVALID rises at the next edge and
 * holds, with BRESP, until BREADY. A read is performed at the AR handshake; RVALID rises at the next
 * edge and holds, with RDATA and RRESP, until RREADY. One write and one read are in flight at most.
 * Responses are OKAY for any mapped offset (a write to a read-only register is ignored, a read of a
 * command word returns 0) and SLVERR for unmapped ones. Address bits 1:0 are ignored. WSTRB selects
 * the bytes written to configuration and interrupt-enable registers and the flags cleared; command
 * words are taken whole.
 *
 * <p>A write of a command's last word while its FIFO is full waits (no BVALID) until the hardware
 * pops an entry: no command is lost and software needs no overflow check, at the price of a bus
 * held while the hardware is stalled. Latency: a write takes 2 edges from its second half to BVALID
 * at the earliest (AW+W together at edge t, performed at t+1, BVALID after t+1); a read 1 edge (AR
 * at t, RVALID after t). No combinational path from any input to any output.
 */
public final class CsrBlock {

  /**
   * @param moduleName the module's name
   * @param addressWidth bits of AWADDR/ARADDR, 4 to 32; the map must fit
   * @param reset the reset style of the design
   */
  public record Config(String moduleName, int addressWidth, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("addressWidth", addressWidth, 4, 32);
    }
  }

  private static final long OKAY = 0;
  private static final long SLVERR = 2;

  private final RegisterMap map;
  private final Config config;
  private final ModuleBuilder b;
  private final Map<String, Map<String, Reg>> fieldRegs = new HashMap<>();
  private final Map<String, Map<String, Signal>> statusInputs = new HashMap<>();
  private final Map<String, Signal> counterInputs = new HashMap<>();
  private final Map<String, Reg> counterHighLatches = new HashMap<>();
  private final Map<String, Reg> commandWords = new HashMap<>();
  private final Map<String, Net> fifoInReady = new HashMap<>();
  private Reg awWord;
  private Signal wdata;
  private Value strobeMask;
  private Value writeFire;

  private CsrBlock(RegisterMap map, Config config) {
    this.map = map;
    this.config = config;
    this.b = new ModuleBuilder(config.moduleName(), CsrBlock.class);
  }

  /** Builds the slave and attaches the register map's C header, Markdown table and JSON section. */
  public static Module build(RegisterMap map, Config config) {
    if (map.size() > (1L << config.addressWidth())) {
      throw new ConfigException("register map " + map.name() + " spans " + map.size() + " bytes; addressWidth "
          + config.addressWidth() + " reaches only " + (1L << config.addressWidth()));
    }
    return new CsrBlock(map, config).describe();
  }

  private Module describe() {
    b.describe("AXI4-Lite register block of register map " + map.name())
        .parameter("map", map.name())
        .parameter("addressWidth", config.addressWidth())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    BusPorts axi = b.bus(new BusInterface("s_axi", BusProtocol.AXI4_LITE, false, 32, config.addressWidth(), 0));
    Signal commit = map.hasShadowed() ? hardwareInput("commit", Type.BIT) : null;
    writeChannel(axi);
    for (Register r : map.registers()) {
      declareRegister(r, commit);
    }
    readChannel(axi);
    interrupt();
    RegisterFiles.attachments(map, config.moduleName()).forEach(b::attach);
    return b.build();
  }

  private Signal hardwareInput(String name, Type type) {
    b.group("hardware side");
    return b.input(name, type);
  }

  private Net hardwareOutput(String name, Type type) {
    b.group("hardware side");
    return b.output(name, type);
  }

  /** Whether word address {@code wordAddress} (address bits aw-1:2) selects register {@code r}. */
  private Value selects(Value wordAddress, Register r) {
    return wordAddress.eq(r.offset() >> 2);
  }

  // ---- write channel: AW and W buffered separately, performed together ----

  private void writeChannel(BusPorts axi) {
    int wordBits = config.addressWidth() - 2;
    Reg awFull = b.reg("aw_full_q", Type.BIT).resetTo(0);
    Reg wFull = b.reg("w_full_q", Type.BIT).resetTo(0);
    awWord = b.reg("aw_word_q", Type.unsigned(wordBits));
    Reg wData = b.reg("w_data_q", Type.unsigned(32));
    Reg wStrb = b.reg("w_strb_q", Type.unsigned(4));
    Reg bValid = b.reg("b_valid_q", Type.BIT).resetTo(0);
    // Reset like the valid bits: every output of the slave is known after reset, not only when valid.
    Reg bResp = b.reg("b_resp_q", Type.unsigned(2)).resetTo(0);
    this.wdata = wData;

    Value awTaken = b.wire("aw_taken", axi.in("awvalid").and(awFull.not()));
    Value wTaken = b.wire("w_taken", axi.in("wvalid").and(wFull.not()));
    awWord.enable(awTaken).next(axi.in("awaddr").slice(config.addressWidth() - 1, 2));
    wData.enable(wTaken).next(axi.in("wdata"));
    wStrb.enable(wTaken).next(axi.in("wstrb"));
    b.wire("unused_s_axi_write", Value.concat(axi.in("awaddr").slice(1, 0), axi.in("awprot")));

    // A command's last word waits for room in its FIFO (see the class comment).
    Value blocked = null;
    for (RegisterMap.Command command : map.commands()) {
      Register last = lastWord(command);
      Net ready = b.wire(command.name() + "_fifo_in_ready", Type.BIT);
      fifoInReady.put(command.name(), ready);
      blocked = either(blocked, selects(awWord, last).and(ready.not()));
    }
    Value bothHalves = awFull.and(wFull).and(bValid.not());
    writeFire = b.wire("write_fire", blocked == null ? bothHalves : bothHalves.and(blocked.not()));
    awFull.next(awTaken.or(awFull.and(writeFire.not())));
    wFull.next(wTaken.or(wFull.and(writeFire.not())));

    Value mapped = null;
    for (Register r : map.registers()) {
      mapped = either(mapped, selects(awWord, r));
    }
    Value writeMapped = b.wire("write_mapped", mapped);
    bValid.next(writeFire.or(bValid.and(axi.in("bready").not())));
    bResp.enable(writeFire).next(Value.mux(writeMapped, Value.constant(OKAY, Type.unsigned(2)),
        Value.constant(SLVERR, Type.unsigned(2))));
    axi.out("awready").assign(awFull.not());
    axi.out("wready").assign(wFull.not());
    axi.out("bvalid").assign(bValid);
    axi.out("bresp").assign(bResp);

    Value[] bytes = new Value[4];
    for (int i = 0; i < 4; i++) {
      Value bit = wStrb.bit(3 - i);
      bytes[i] = Value.concat(bit, bit, bit, bit, bit, bit, bit, bit);
    }
    strobeMask = b.wire("w_strobe_mask", Value.concat(bytes));
    // Bits outside every writable field (all of them in a read-only map) are never used.
    b.wire("unused_write_bits", Value.concat(wData, strobeMask));
  }

  private Register lastWord(RegisterMap.Command command) {
    return map.registers().stream()
        .filter(r -> r.kind() == Kind.COMMAND_WORD && r.owner().equals(command.name())
            && r.word() == command.words() - 1)
        .findFirst().orElseThrow();
  }

  private Value writes(Register r) {
    return b.wire(r.name() + "_write", writeFire.and(selects(awWord, r)));
  }

  /** The field's bits of a write: byte-strobed new data over the current value. */
  private Value written(Value current, Field f) {
    Value mask = strobeMask.slice(f.msb(), f.lsb());
    return current.and(mask.not()).or(wdata.slice(f.msb(), f.lsb()).and(mask));
  }

  // ---- registers ----

  private void declareRegister(Register r, Signal commit) {
    switch (r.kind()) {
      case CONFIG, INTERRUPT_ENABLE -> configRegister(r, commit);
      case FLAGS -> flagsRegister(r);
      case COMMAND_WORD -> commandWord(r);
      case STATUS -> {
        Map<String, Signal> inputs = new HashMap<>();
        for (Field f : r.fields()) {
          inputs.put(f.name(), hardwareInput(r.name() + "_" + f.name(), Type.unsigned(f.width())));
        }
        statusInputs.put(r.name(), inputs);
      }
      case COUNTER_LO -> {
        counterInputs.put(r.owner(), hardwareInput(r.owner(), Type.unsigned(64)));
        counterHighLatches.put(r.owner(), b.reg(r.owner() + "_hi_latch_q", Type.unsigned(32)));
      }
      case COUNTER_HI, CONSTANT -> { }
    }
  }

  private void configRegister(Register r, Signal commit) {
    Value write = writes(r);
    Map<String, Reg> readBack = new HashMap<>();
    for (Field f : r.fields()) {
      String base = r.name() + "_" + f.name();
      Type type = Type.unsigned(f.width());
      Reg software = b.reg(base + (r.shadowed() ? "_shadow_q" : "_q"), type).resetTo(f.reset());
      software.enable(write).next(written(software, f));
      readBack.put(f.name(), software);
      if (r.kind() == Kind.INTERRUPT_ENABLE) {
        continue;
      }
      Value active = software;
      if (r.shadowed()) {
        Reg activeCopy = b.reg(base + "_q", type).resetTo(f.reset());
        activeCopy.enable(commit).next(software);
        active = activeCopy;
      }
      hardwareOutput(base, type).assign(active);
    }
    fieldRegs.put(r.name(), readBack);
  }

  private void flagsRegister(Register r) {
    Value write = writes(r);
    Map<String, Reg> flags = new HashMap<>();
    for (Field f : r.fields()) {
      String base = r.name() + "_" + f.name();
      Type type = Type.unsigned(f.width());
      Signal set = hardwareInput(base + "_set", type);
      Reg flag = b.reg(base + "_q", type).resetTo(0);
      // A hardware event in the cycle of a clearing write wins: the event is not lost.
      Value clear = Value.mux(write, wdata.slice(f.msb(), f.lsb()).and(strobeMask.slice(f.msb(), f.lsb())),
          Value.constant(0, type));
      flag.next(flag.and(clear.not()).or(set));
      flags.put(f.name(), flag);
    }
    fieldRegs.put(r.name(), flags);
  }

  private void commandWord(Register r) {
    RegisterMap.Command command = map.commands().stream().filter(c -> c.name().equals(r.owner())).findFirst()
        .orElseThrow();
    Value write = writes(r);
    if (r.word() < command.words() - 1) {
      stagedWord(command, r.word()).enable(write).next(wdata);
      return;
    }
    int width = 32 * command.words();
    b.group("hardware side");
    Net outValid = b.output(command.name() + "_valid", Type.BIT);
    Signal outReady = b.input(command.name() + "_ready", Type.BIT);
    Net outData = b.output(command.name() + "_data", Type.unsigned(width));
    List<Value> words = new ArrayList<>();
    words.add(wdata);
    for (int i = command.words() - 2; i >= 0; i--) {
      words.add(stagedWord(command, i));
    }
    Module fifo = Fifo.build(new Fifo.Config(width, command.depth(), config.reset()));
    b.instance("u_" + command.name() + "_fifo", fifo)
        .connect("clk", b.clock())
        .connect(config.reset().defaultPortName(), b.reset())
        .connect("in_valid", write)
        .connect("in_ready", fifoInReady.get(command.name()))
        .connect("in_data", Value.concat(words.toArray(Value[]::new)))
        .connect("out_valid", outValid)
        .connect("out_ready", outReady)
        .connect("out_data", outData);
  }

  /** Word {@code word} of a command, held until the last word is written (created on first use). */
  private Reg stagedWord(RegisterMap.Command command, int word) {
    return commandWords.computeIfAbsent(command.name() + "_word" + word + "_q",
        name -> b.reg(name, Type.unsigned(32)));
  }

  // ---- read channel: performed at the AR handshake into registered RDATA ----

  private void readChannel(BusPorts axi) {
    Reg rValid = b.reg("r_valid_q", Type.BIT).resetTo(0);
    // Reset like r_valid_q: every output of the slave is known after reset, not only when valid.
    Reg rData = b.reg("r_data_q", Type.unsigned(32)).resetTo(0);
    Reg rResp = b.reg("r_resp_q", Type.unsigned(2)).resetTo(0);
    Value arTaken = b.wire("ar_taken", axi.in("arvalid").and(rValid.not()));
    Value arWord = b.wire("ar_word", axi.in("araddr").slice(config.addressWidth() - 1, 2));
    b.wire("unused_s_axi_read", Value.concat(axi.in("araddr").slice(1, 0), axi.in("arprot")));

    Value data = Value.constant(0, Type.unsigned(32));
    Value mapped = null;
    for (Register r : map.registers()) {
      Value hit = selects(arWord, r);
      mapped = either(mapped, hit);
      if (r.kind().readable()) {
        data = Value.mux(hit, readValue(r, arTaken.and(hit)), data);
      }
    }
    Value readMapped = b.wire("read_mapped", mapped);
    rValid.next(arTaken.or(rValid.and(axi.in("rready").not())));
    rData.enable(arTaken).next(b.wire("read_data", data));
    rResp.enable(arTaken).next(Value.mux(readMapped, Value.constant(OKAY, Type.unsigned(2)),
        Value.constant(SLVERR, Type.unsigned(2))));
    axi.out("arready").assign(rValid.not());
    axi.out("rvalid").assign(rValid);
    axi.out("rdata").assign(rData);
    axi.out("rresp").assign(rResp);
  }

  /** The 32-bit value a read of {@code r} returns; {@code reading} is high at its AR handshake. */
  private Value readValue(Register r, Value reading) {
    return switch (r.kind()) {
      case CONFIG, INTERRUPT_ENABLE, FLAGS -> assemble(r, f -> fieldRegs.get(r.name()).get(f.name()));
      case STATUS -> assemble(r, f -> statusInputs.get(r.name()).get(f.name()));
      case CONSTANT -> Value.constant(r.resetValue(), Type.unsigned(32));
      case COUNTER_LO -> {
        Signal counter = counterInputs.get(r.owner());
        counterHighLatches.get(r.owner()).enable(reading).next(counter.slice(63, 32));
        yield counter.slice(31, 0);
      }
      case COUNTER_HI -> counterHighLatches.get(r.owner());
      case COMMAND_WORD -> Value.constant(0, Type.unsigned(32));
    };
  }

  /** {@code a | b}, where a null {@code a} stands for nothing yet. */
  private static Value either(Value a, Value b) {
    return a == null ? b : a.or(b);
  }

  /** The fields' values at their bit positions, zeros between them. */
  private static Value assemble(Register r, Function<Field, Value> fieldValue) {
    List<Field> fields = new ArrayList<>(r.fields());
    fields.sort(Comparator.comparingInt(Field::lsb).reversed());
    List<Value> parts = new ArrayList<>();
    int next = 31;
    for (Field f : fields) {
      if (f.msb() < next) {
        parts.add(Value.constant(0, Type.unsigned(next - f.msb())));
      }
      parts.add(fieldValue.apply(f));
      next = f.lsb() - 1;
    }
    if (next >= 0) {
      parts.add(Value.constant(0, Type.unsigned(next + 1)));
    }
    return Value.concat(parts.toArray(Value[]::new));
  }

  // ---- interrupt ----

  private void interrupt() {
    List<Register> enables = map.ofKind(Kind.INTERRUPT_ENABLE);
    if (enables.isEmpty()) {
      return;
    }
    Value any = null;
    for (Register enable : enables) {
      Register flags = map.register(enable.owner()).orElseThrow();
      for (Field f : flags.fields()) {
        any = either(any, fieldRegs.get(flags.name()).get(f.name()).and(fieldRegs.get(enable.name()).get(f.name()))
            .reduceOr());
      }
    }
    b.group("interrupt");
    b.output("irq", Type.BIT).assign(any);
  }
}
