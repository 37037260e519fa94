package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.Counters;
import dev.serrano.hdl.lib.Queue;

/**
 * The address side both DMA engines share: the burst planner walking the descriptor, the AR or AW
 * register that holds a burst until the slave takes it, and the count of bursts in flight, at
 * most {@code outstanding}. {@code issue} is high in the cycle a burst leaves the planner for the
 * address register; the planner's outputs describe that burst then.
 */
record BurstIssue(Value issue, Value planning, Reg addressValid, Reg outstanding, Net addr, Net len, Net lo, Net hi,
    Net rowStart, Net rowEnd) {

  /**
   * @param channel {@code "ar"} or {@code "aw"}
   * @param retire a burst in flight is finished this cycle (its last beat, or its response)
   */
  static BurstIssue build(ModuleBuilder b, DmaConfig config, Descriptor desc, Value accept, BusPorts axi,
      String channel, Value retire) {
    int aw = config.addressWidth();
    Net planning = b.wire("plan_valid", Type.BIT);
    Net addr = b.wire("plan_addr", Type.unsigned(aw));
    Net len = b.wire("plan_len", Type.unsigned(8));
    Net lo = b.wire("plan_lo", Type.unsigned(config.laneIndexWidth()));
    Net hi = b.wire("plan_hi", Type.unsigned(config.laneCountWidth()));
    Net rowStart = b.wire("plan_row_start", Type.BIT);
    Net rowEnd = b.wire("plan_row_end", Type.BIT);
    Reg valid = b.reg(channel + "_valid_q", Type.BIT).resetTo(0);
    Reg outstanding = b.reg("outstanding_q", Type.unsigned(Bits.bitsFor(config.outstanding()))).resetTo(0);
    Value taken = b.wire(channel + "_taken", valid.and(axi.in(channel + "ready")));
    Value issue = b.wire("issue", planning.and(valid.not().or(taken))
        .and(outstanding.lt(Bits.constant(config.outstanding(), outstanding.width()))));
    InstanceBuilder planner = b.instance("u_planner", BurstPlanner.build(config));
    Queue.connectClockAndReset(b, planner, config.reset());
    planner.connect("start", accept)
        .connect("start_addr", desc.addr())
        .connect("start_rows", desc.rows())
        .connect("start_row_bytes", desc.rowBytes())
        .connect("start_stride", desc.stride())
        .connect("valid", planning)
        .connect("next", issue)
        .connect("burst_addr", addr)
        .connect("burst_len", len)
        .connect("burst_lo", lo)
        .connect("burst_hi", hi)
        .connect("row_start", rowStart)
        .connect("row_end", rowEnd);
    Reg addrQ = b.reg(channel + "_addr_q", Type.unsigned(aw)).resetTo(0).enable(issue).next(addr);
    Reg lenQ = b.reg(channel + "_len_q", Type.unsigned(8)).resetTo(0).enable(issue).next(len);
    valid.next(issue.or(valid.and(taken.not())));
    AxiConstants.drive(axi, channel, config, valid, addrQ, lenQ);
    Counters.upDown(outstanding, issue, retire);
    return new BurstIssue(issue, planning, valid, outstanding, addr, len, lo, hi, rowStart, rowEnd);
  }
}
