package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code banked_mem_b<banks>_r<rows>_w<rowWidth>_rd<readClients>_wr<writeClients>[_acc<L>x<W>[_sat]]}:
 * the banked block-RAM memory behind the scratchpad and (with accumulate lanes) the accumulator.
 * Each bank {@code u_bank<b>} holds {@code rowsPerBank} rows in one memory {@code storage} with one
 * read and one write port; different banks serve different clients in the same cycle.
 *
 * <p>Addresses have log2(banks) + log2(rowsPerBank) bits; the bank is the high bits, so a client
 * streaming through one bank never disturbs another, and a double buffer is two banks.
 *
 * <p>Ports per read client i: {@code rd<i>_valid}, {@code rd<i>_ready}, {@code rd<i>_addr},
 * {@code rd<i>_data_valid}, {@code rd<i>_data}. A read moves at a rising edge where valid and ready
 * are high; its row is on {@code rd<i>_data}, with {@code rd<i>_data_valid} high, during the next
 * cycle only (latency 1, no back-pressure: the client takes it then). Per write client j:
 * {@code wr<j>_valid}, {@code wr<j>_ready}, {@code wr<j>_addr}, {@code wr<j>_data} and, in an
 * accumulator, {@code wr<j>_accumulate} (1: add the lanes to the stored row, 0: overwrite).
 *
 * <p>Arbitration, per bank and per cycle: the read clients addressing the bank compete for one read
 * grant, the write clients for one write grant, each side round-robin (see {@link RoundRobin}:
 * the pointer moves past the last winner, so k clients in sustained conflict get 1/k each).
 * In an accumulator, a write that wins with {@code accumulate} high also needs the bank's read
 * port this cycle; if a read client wants the bank too, they take turns: a per-bank bit gives the
 * port to the accumulating write first after reset and flips at every such conflict, and the loser
 * side (all reads, or all writes, of that bank) waits. {@code ready} is therefore a combinational
 * function of this cycle's valid, address and accumulate inputs of all clients (never of data),
 * and is high only together with valid.
 *
 * <p>Ordering: a read granted at edge t returns the row with every write granted before edge t
 * and none granted at t (read-first). An accumulating write granted at edge t adds to the row as
 * it was after every write granted before t. A plain memory writes at the grant edge; an
 * accumulator writes one edge later and forwards that row to a read of it at the next edge, so
 * one accumulate per bank per cycle is sustained, also to one row back to back.
 */
public final class BankedMemory {
  /**
   * Accumulate lanes: each row is {@code count} signed lanes of {@code width} bits, lane k at bits
   * [k * width +: width]; an accumulating write adds lane by lane, wrapping or saturating.
   */
  public record Lanes(int count, int width, boolean saturate) {
    public Lanes {
      ConfigException.requireRange("lanes", count, 1, 4096);
      ConfigException.requireRange("laneWidth", width, 2, 64);
    }
  }

  /**
   * @param banks a power of two from 1 to 64
   * @param rowsPerBank rows in each bank (parameter {@code rows}), a power of two from 2 to 65536
   * @param rowWidth bits per row, 1 to 4096
   * @param readClients 1 to 8
   * @param writeClients 1 to 8
   * @param lanes empty for a plain memory (scratchpad); accumulate lanes with lanes x laneWidth ==
   *     rowWidth for an accumulator
   * @param reset the design's reset style
   */
  public record Config(int banks, int rowsPerBank, int rowWidth, int readClients, int writeClients,
      Optional<Lanes> lanes, ResetStyle reset) {
    public Config {
      ConfigException.requirePowerOfTwo("banks", banks, 1, 64);
      // Named "rows" in errors, as the catalog's parameter is.
      ConfigException.requirePowerOfTwo("rows", rowsPerBank, 2, 65536);
      ConfigException.requireRange("rowWidth", rowWidth, 1, 4096);
      ConfigException.requireRange("readClients", readClients, 1, 8);
      ConfigException.requireRange("writeClients", writeClients, 1, 8);
      if (lanes.isPresent() && lanes.get().count() * lanes.get().width() != rowWidth) {
        throw new ConfigException("lanes x laneWidth must equal rowWidth (" + rowWidth + "), got "
            + lanes.get().count() + " x " + lanes.get().width() + " = "
            + lanes.get().count() * lanes.get().width());
      }
    }

    /** A plain memory: rows are written whole. */
    public static Config scratchpad(int banks, int rowsPerBank, int rowWidth, int readClients,
        int writeClients, ResetStyle reset) {
      return new Config(banks, rowsPerBank, rowWidth, readClients, writeClients, Optional.empty(), reset);
    }

    /** An accumulator: rows of {@code lanes} signed lanes that writes overwrite or add to. */
    public static Config accumulator(int banks, int rowsPerBank, Lanes lanes, int readClients,
        int writeClients, ResetStyle reset) {
      if (lanes.count() * lanes.width() > 4096) {
        throw new ConfigException("lanes x laneWidth (the row width) must be at most 4096, got "
            + lanes.count() + " x " + lanes.width() + " = " + lanes.count() * lanes.width());
      }
      return new Config(banks, rowsPerBank, lanes.count() * lanes.width(), readClients, writeClients,
          Optional.of(lanes), reset);
    }

    public String moduleName() {
      return "banked_mem_b" + banks + "_r" + rowsPerBank + "_w" + rowWidth + "_rd" + readClients
          + "_wr" + writeClients + lanes.map(BankedMemory::lanesSuffix).orElse("") + resetSuffix();
    }

    /** Address bits: the bank in the high log2(banks), the row in the low log2(rowsPerBank). */
    public int addressBits() {
      return bankBits() + rowBits();
    }

    public int bankBits() {
      return Integer.numberOfTrailingZeros(banks);
    }

    public int rowBits() {
      return Integer.numberOfTrailingZeros(rowsPerBank);
    }

    String resetSuffix() {
      return Resets.nameSuffix(reset);
    }
  }

  private BankedMemory() {}

  static String lanesSuffix(Lanes lanes) {
    return "_acc" + lanes.count() + "x" + lanes.width() + (lanes.saturate() ? "_sat" : "");
  }

  public static Module build(Config config) {
    return new Builder(config).build();
  }

  /** One elaboration: ports, then per bank the arbitration and the bank instance, then read returns. */
  private static final class Builder {
    private final Config config;
    private final ModuleBuilder b;
    private final List<Signal> rdValid = new ArrayList<>();
    private final List<Signal> rdAddr = new ArrayList<>();
    private final List<Net> rdReady = new ArrayList<>();
    private final List<Net> rdDataValid = new ArrayList<>();
    private final List<Net> rdData = new ArrayList<>();
    private final List<Signal> wrValid = new ArrayList<>();
    private final List<Signal> wrAddr = new ArrayList<>();
    private final List<Signal> wrData = new ArrayList<>();
    private final List<Signal> wrAccumulate = new ArrayList<>();
    private final List<Net> wrReady = new ArrayList<>();
    // [client][bank]: this client's grant on that bank
    private final List<List<Value>> readGrants = new ArrayList<>();
    private final List<List<Value>> writeGrants = new ArrayList<>();
    private final List<Value> bankRows = new ArrayList<>();

    Builder(Config config) {
      this.config = config;
      this.b = new ModuleBuilder(config.moduleName(), BankedMemory.class)
          .describe(config.banks() + " banks x " + config.rowsPerBank() + " rows x " + config.rowWidth()
              + "-bit block-RAM memory, " + config.readClients() + " read and " + config.writeClients()
              + " write clients" + config.lanes().map(l -> ", " + l.count() + " x " + l.width()
              + "-bit " + (l.saturate() ? "saturating" : "wrapping") + " accumulate lanes").orElse(""))
          .parameter("banks", config.banks())
          .parameter("rows", config.rowsPerBank())
          .parameter("rowWidth", config.rowWidth())
          .parameter("readClients", config.readClients())
          .parameter("writeClients", config.writeClients());
      config.lanes().ifPresent(l -> b.parameter("lanes", l.count()).parameter("laneWidth", l.width())
          .parameter("saturate", l.saturate()));
      b.parameter("reset", Resets.parameterValue(config.reset()));
    }

    Module build() {
      ports();
      for (int client = 0; client < config.readClients(); client++) {
        readGrants.add(new ArrayList<>());
      }
      for (int client = 0; client < config.writeClients(); client++) {
        writeGrants.add(new ArrayList<>());
      }
      Module bankModule = MemoryBank.build(config);
      for (int bank = 0; bank < config.banks(); bank++) {
        bank(bank, bankModule);
      }
      for (int client = 0; client < config.readClients(); client++) {
        readyAndReturn(client);
      }
      for (int client = 0; client < config.writeClients(); client++) {
        wrReady.get(client).assign(anyOf(writeGrants.get(client)));
      }
      return b.build();
    }

    private void ports() {
      Type address = Type.unsigned(config.addressBits());
      Type row = Type.unsigned(config.rowWidth());
      b.clockAndReset(config.reset());
      for (int i = 0; i < config.readClients(); i++) {
        b.group("read client " + i + ": request, then the row one cycle after it moves");
        rdValid.add(b.input("rd" + i + "_valid", Type.BIT));
        rdReady.add(b.output("rd" + i + "_ready", Type.BIT));
        rdAddr.add(b.input("rd" + i + "_addr", address));
        rdDataValid.add(b.output("rd" + i + "_data_valid", Type.BIT));
        rdData.add(b.output("rd" + i + "_data", row));
      }
      for (int j = 0; j < config.writeClients(); j++) {
        b.group("write client " + j);
        wrValid.add(b.input("wr" + j + "_valid", Type.BIT));
        wrReady.add(b.output("wr" + j + "_ready", Type.BIT));
        wrAddr.add(b.input("wr" + j + "_addr", address));
        wrData.add(b.input("wr" + j + "_data", row));
        if (config.lanes().isPresent()) {
          wrAccumulate.add(b.input("wr" + j + "_accumulate", Type.BIT));
        }
      }
    }

    /** Requests on this bank, both arbiters, the read-port turn of an accumulator, the instance. */
    private void bank(int bank, Module bankModule) {
      String name = "bank" + bank;
      List<Value> readRequests = requests(name + "_rd_req", rdValid, rdAddr, bank);
      List<Value> writeRequests = requests(name + "_wr_req", wrValid, wrAddr, bank);
      Value readGo = Value.constant(1, Type.BIT);
      Value writeGo = Value.constant(1, Type.BIT);
      // In an accumulator the write side's go depends on its own winner (does it accumulate?), so
      // the wire is declared before the arbiter and assigned after the turn is known.
      Net accumulatorWriteGo = config.lanes().isPresent() ? b.wire(name + "_wr_go", Type.BIT) : null;
      List<Value> writeWinners = RoundRobin.winners(b, name + "_wr", writeRequests,
          accumulatorWriteGo == null ? writeGo : accumulatorWriteGo);
      if (accumulatorWriteGo != null) {
        List<Value> accumulating = new ArrayList<>();
        for (int j = 0; j < writeWinners.size(); j++) {
          accumulating.add(writeWinners.get(j).and(wrAccumulate.get(j)));
        }
        Value anyRead = b.wire(name + "_rd_any", anyOf(readRequests));
        Value conflict = b.wire(name + "_port_conflict",
            b.wire(name + "_wr_needs_port", anyOf(accumulating)).and(anyRead));
        // 1: the accumulating write takes the read port at the next conflict; flips at each one.
        Reg accumulateTurn = b.reg(name + "_acc_turn_q", Type.BIT).resetTo(1).enable(conflict);
        accumulateTurn.next(accumulateTurn.not());
        readGo = b.wire(name + "_rd_go", conflict.not().or(accumulateTurn.not()));
        writeGo = accumulatorWriteGo.assign(conflict.not().or(accumulateTurn));
      }
      grants(name + "_wr_grant", writeWinners, writeGo, writeGrants);
      List<Value> readWinners = RoundRobin.winners(b, name + "_rd", readRequests, readGo);
      grants(name + "_rd_grant", readWinners, readGo, readGrants);
      instance(bank, name, bankModule);
    }

    /** The bank, driven by the granted client's read and write (grants are one-hot per bank). */
    private void instance(int bank, String name, Module bankModule) {
      Type rowAddress = Type.unsigned(config.rowBits());
      Value readRow = Value.constant(0, rowAddress);
      for (int i = config.readClients() - 1; i >= 0; i--) {
        readRow = Value.mux(readGrants.get(i).get(bank), rowOf(rdAddr.get(i)), readRow);
      }
      Value writeRow = Value.constant(0, rowAddress);
      Value writeData = Value.constant(0, Type.unsigned(config.rowWidth()));
      Value writeAccumulate = Value.constant(0, Type.BIT);
      for (int j = config.writeClients() - 1; j >= 0; j--) {
        Value grant = writeGrants.get(j).get(bank);
        writeRow = Value.mux(grant, rowOf(wrAddr.get(j)), writeRow);
        writeData = Value.mux(grant, wrData.get(j), writeData);
        if (config.lanes().isPresent()) {
          writeAccumulate = Value.mux(grant, wrAccumulate.get(j), writeAccumulate);
        }
      }
      Net bankRow = b.wire(name + "_rd_data", Type.unsigned(config.rowWidth()));
      InstanceBuilder u = b.instance("u_bank" + bank, bankModule).connect("clk", b.clock());
      if (config.lanes().isPresent()) {
        u.connect(config.reset().defaultPortName(), b.reset());
      }
      u.connect("rd_en", b.wire(name + "_rd_en", anyOf(column(readGrants, bank))))
          .connect("rd_addr", b.wire(name + "_rd_addr", readRow))
          .connect("rd_data", bankRow)
          .connect("wr_en", b.wire(name + "_wr_en", anyOf(column(writeGrants, bank))))
          .connect("wr_addr", b.wire(name + "_wr_addr", writeRow))
          .connect("wr_data", b.wire(name + "_wr_data", writeData));
      if (config.lanes().isPresent()) {
        u.connect("wr_accumulate", b.wire(name + "_wr_accumulate", writeAccumulate));
      }
      bankRows.add(bankRow);
    }

    /** Client i's grant on this bank, {@code winner && go}, appended to {@code byClient.get(i)}. */
    private void grants(String name, List<Value> winners, Value go, List<List<Value>> byClient) {
      for (int i = 0; i < winners.size(); i++) {
        byClient.get(i).add(b.wire(name + i, winners.get(i).and(go)));
      }
    }

    private List<Value> requests(String name, List<Signal> valid, List<Signal> address, int bank) {
      List<Value> requests = new ArrayList<>();
      for (int i = 0; i < valid.size(); i++) {
        Value here = config.banks() == 1 ? valid.get(i) : valid.get(i).and(bankOf(address.get(i)).eq(bank));
        requests.add(b.wire(name + i, here));
      }
      return requests;
    }

    /** ready is the OR of this client's grants; the granted bank selects the returned row. */
    private void readyAndReturn(int client) {
      String name = "rd" + client;
      Value fire = b.wire(name + "_fire", anyOf(readGrants.get(client)));
      rdReady.get(client).assign(fire);
      Reg dataValid = b.reg(name + "_data_valid_q", Type.BIT).resetTo(0);
      dataValid.next(fire);
      rdDataValid.get(client).assign(dataValid);
      if (config.banks() == 1) {
        rdData.get(client).assign(bankRows.get(0));
        return;
      }
      Reg bank = b.reg(name + "_bank_q", Type.unsigned(config.bankBits())).enable(fire);
      bank.next(bankOf(rdAddr.get(client)));
      Value row = bankRows.get(0);
      for (int k = 1; k < config.banks(); k++) {
        row = Value.mux(bank.eq(k), bankRows.get(k), row);
      }
      rdData.get(client).assign(row);
    }

    private Value bankOf(Value address) {
      return address.slice(config.addressBits() - 1, config.rowBits());
    }

    private Value rowOf(Value address) {
      return address.slice(config.rowBits() - 1, 0);
    }

    private static List<Value> column(List<List<Value>> byClient, int bank) {
      return byClient.stream().map(grants -> grants.get(bank)).toList();
    }

    private static Value anyOf(List<Value> bits) {
      return RoundRobin.anyOf(bits);
    }
  }
}
