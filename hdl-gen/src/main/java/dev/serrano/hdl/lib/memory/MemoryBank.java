package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.MemoryBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;

/**
 * One bank of a {@link BankedMemory}: a block-RAM-style memory {@code storage} with one write port
 * and one read port, driven by already-arbitrated grants (at most one read and one write per
 * cycle). A read enabled at edge t shows its row on {@code rd_data} right after edge t and holds it
 * until the next read; it returns the row as it was before the writes granted at edge t.
 *
 * <p>A plain bank writes {@code wr_data} at the edge that grants the write. An accumulating bank
 * writes one edge later, from a pending-write stage, so that an accumulating write can read the old
 * row through the read port at its grant edge ({@code rd_en} must then be low: the arbiter gives
 * the read port to one of them) and write old + data at the next edge. A read that addresses the
 * row the pending stage is writing at the same edge would see the stale row, so the bank
 * remembers the written value ({@code bypass_q}) and returns it instead: back-to-back accumulates
 * to one row, and reads right after a write, see every earlier write.
 */
final class MemoryBank {
  private MemoryBank() {}

  static String moduleName(BankedMemory.Config config) {
    String name = "banked_mem_bank_r" + config.rowsPerBank() + "_w" + config.rowWidth();
    return config.lanes().map(l -> name + BankedMemory.lanesSuffix(l) + config.resetSuffix()).orElse(name);
  }

  static Module build(BankedMemory.Config config) {
    Type row = Type.unsigned(config.rowWidth());
    Type rowAddress = Type.unsigned(config.rowBits());
    ModuleBuilder b = new ModuleBuilder(moduleName(config), BankedMemory.class)
        .describe("one bank of a banked memory: " + config.rowsPerBank() + " x " + config.rowWidth()
            + "-bit block-RAM rows" + config.lanes().map(l -> ", accumulating " + l.count() + " x "
            + l.width() + "-bit " + (l.saturate() ? "saturating" : "wrapping") + " lanes").orElse(""))
        .parameter("rows", config.rowsPerBank())
        .parameter("rowWidth", config.rowWidth());
    config.lanes().ifPresent(l -> b.parameter("lanes", l.count()).parameter("laneWidth", l.width())
        .parameter("saturate", l.saturate()));
    if (config.lanes().isPresent()) {
      b.clockAndReset(config.reset());
    } else {
      b.clockOnly();
    }
    b.group("read grant; the row follows one edge later");
    Signal rdEn = b.input("rd_en", Type.BIT);
    Signal rdAddr = b.input("rd_addr", rowAddress);
    Net rdData = b.output("rd_data", row);
    b.group("write grant");
    Signal wrEn = b.input("wr_en", Type.BIT);
    Signal wrAddr = b.input("wr_addr", rowAddress);
    Signal wrData = b.input("wr_data", row);
    MemoryBuilder storage = b.memory("storage", row, config.rowsPerBank());
    if (config.lanes().isEmpty()) {
      storage.write(wrEn, wrAddr, wrData);
      rdData.assign(storage.read("rd_data_q", rdEn, rdAddr));
      return b.build();
    }

    Signal wrAccumulate = b.input("wr_accumulate", Type.BIT);
    Value accumulateRead = b.wire("acc_read", wrEn.and(wrAccumulate));
    Value portEn = b.wire("port_en", rdEn.or(accumulateRead));
    Value portAddr = b.wire("port_addr", Value.mux(accumulateRead, wrAddr, rdAddr));
    Signal stored = storage.read("ram_q", portEn, portAddr);

    Reg pendingValid = b.reg("pend_valid_q", Type.BIT).resetTo(0);
    Reg pendingAddr = b.reg("pend_addr_q", rowAddress).enable(wrEn);
    Reg pendingData = b.reg("pend_data_q", row).enable(wrEn);
    Reg pendingAccumulate = b.reg("pend_acc_q", Type.BIT).enable(wrEn);
    Reg forward = b.reg("fwd_q", Type.BIT).resetTo(0).enable(portEn);
    Reg bypass = b.reg("bypass_q", row).enable(portEn);

    Value oldRow = b.wire("old_row", Value.mux(forward, bypass, stored));
    Value sum = LaneAdder.add(b, "sum", oldRow, pendingData, config.lanes().orElseThrow());
    Value writeRow = b.wire("write_row", Value.mux(pendingAccumulate, sum, pendingData));
    storage.write(pendingValid, pendingAddr, writeRow);

    pendingValid.next(wrEn);
    pendingAddr.next(wrAddr);
    pendingData.next(wrData);
    pendingAccumulate.next(wrAccumulate);
    forward.next(pendingValid.and(pendingAddr.eq(portAddr)));
    bypass.next(writeRow);
    rdData.assign(oldRow);
    return b.build();
  }
}
