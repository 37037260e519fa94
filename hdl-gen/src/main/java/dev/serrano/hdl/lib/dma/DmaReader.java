package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.Fields;
import dev.serrano.hdl.lib.Queue;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dma_reader_...}: copies a 2-D region of main memory into a local memory over the read
 * channels of an AXI4 master.
 *
 * <p>A descriptor ({@code desc_*}, taken when {@code desc_valid && desc_ready}) names
 * {@code desc_rows} rows of {@code desc_row_bytes} bytes, the first at {@code desc_addr}, each the
 * next {@code desc_stride} bytes further, and a target: local memory {@code desc_target} from row
 * {@code desc_local}; a target the reader cannot write (a store-only source, or no memory) moves
 * nothing and completes with DECERR. Each main-memory row fills ceil(row bytes / local row bytes)
 * consecutive local rows, starting at a local row boundary; the bytes after its end in its last
 * local row are written as zeros. Local row addresses wrap around the memory.
 *
 * <p>On the bus: INCR bursts of the full bus width from bus-aligned addresses, never across 4 KiB,
 * at most {@code maxBurst} beats, up to {@code outstanding} bursts in flight, all with ID 0;
 * {@code rready} is high whenever the input queue has room, so one beat per cycle is taken as long
 * as the local memory accepts a row per cycle. A response other than OKAY does not stop the
 * descriptor (the bus never hangs and nothing is left in flight): it completes, and {@code done}
 * reports {@code error} with the address of the first failing beat and its response. The rows of
 * a failing beat get the data the slave returned.
 *
 * <p>{@code done} is high for one cycle when the last row of a descriptor has been written;
 * {@code error}, {@code error_addr} and {@code error_resp} hold until the next descriptor.
 */
public final class DmaReader {
  private DmaReader() {}

  public static Module build(DmaConfig config) {
    int busBytes = config.busBytes();
    int aw = config.addressWidth();
    List<LocalMemory> locals = config.loadTargets();
    int widest = DmaConfig.widestRowBytes(locals);
    ModuleBuilder b = new ModuleBuilder("dma_reader_" + config.nameSuffix() + "_o" + config.outstanding()
        + config.localsSuffix(), DmaReader.class)
        .describe("DMA reader: 2-D main-memory regions into local memory rows over AXI4 reads")
        .parameter("dataWidth", config.dataWidth())
        .parameter("addressWidth", aw)
        .parameter("maxBurst", config.maxBurst())
        .parameter("outstanding", config.outstanding());
    b.clockAndReset(config.reset());
    Descriptor desc = Descriptor.declare(b, config, locals.size());
    Completion completion = Completion.declare(b, config);
    List<LocalWritePort> targets = new ArrayList<>();
    for (LocalMemory local : locals) {
      b.group(local.name() + " writes");
      targets.add(new LocalWritePort(local, b.output(local.name() + "_wr_valid", Type.BIT),
          b.input(local.name() + "_wr_ready", Type.BIT),
          b.output(local.name() + "_wr_addr", Type.unsigned(local.addressWidth())),
          b.output(local.name() + "_wr_data", Type.unsigned(8 * local.rowBytes()))));
    }
    BusPorts axi = b.busChannels(config.bus("m_axi"), "ar", "r");

    Reg busy = b.reg("busy_q", Type.BIT).resetTo(0);
    int targetWidth = DmaConfig.targetWidth(locals.size());
    Reg target = b.reg("target_q", Type.unsigned(targetWidth)).resetTo(0);
    Reg localRow = b.reg("local_row_q", Type.unsigned(config.localAddressWidth())).resetTo(0);
    Value accept = b.wire("accept", desc.valid().and(busy.not()));
    desc.ready().assign(busy.not());

    // Bursts: the planner proposes, the AR register holds one until the slave takes it.
    Net burstRetired = b.wire("burst_retired", Type.BIT);
    BurstIssue bursts = BurstIssue.build(b, config, desc, accept, axi, "ar", burstRetired);
    Value issue = bursts.issue();

    // What the read side needs of each burst, queued in issue order (responses come in that order).
    Fields burstFields = new Fields().add("addr", aw).add("len", 8).add("lo", config.laneIndexWidth())
        .add("hi", config.laneCountWidth()).add("row_start", 1).add("row_end", 1);
    Net burstPop = b.wire("burst_pop", Type.BIT);
    Queue burstQueue = Queue.of(b, "bursts", burstFields.width(), config.outstanding(), config.reset(), issue,
        burstFields.pack(bursts.addr(), bursts.len(), bursts.lo(), bursts.hi(), bursts.rowStart(), bursts.rowEnd()),
        burstPop);

    Net beatPop = b.wire("beat_pop", Type.BIT);
    Queue beats = Queue.of(b, "beats", 2 + config.dataWidth(), 2, config.reset(), axi.in("rvalid"),
        Value.concat(axi.in("rresp"), axi.in("rdata")), beatPop);
    axi.out("rready").assign(beats.inReady());
    // Bursts are counted by their lengths, so RLAST and RID (always 0) carry nothing new.
    b.wire("unused_r", Value.concat(axi.in("rid"), axi.in("rlast"), burstQueue.inReady()));
    Value burstHead = burstQueue.outData();
    Value headLen = b.wire("head_len", burstFields.get(burstHead, "len"));
    Reg beatIndex = b.reg("beat_index_q", Type.unsigned(8)).resetTo(0);
    Value firstBeat = b.wire("first_beat", beatIndex.eq(0));
    Value lastBeat = b.wire("last_beat", beatIndex.eq(headLen));
    Value beatResp = b.wire("beat_resp", beats.outData().slice(config.dataWidth() + 1, config.dataWidth()));

    // Beats become local rows.
    Module repackerModule = ByteRepacker.build(new ByteRepacker.Config(busBytes, widest,
        locals.stream().map(LocalMemory::rowBytes).toList(), config.reset()));
    Net unitTaken = b.wire("unit_taken", Type.BIT);
    Net rowValid = b.wire("row_valid", Type.BIT);
    Net rowData = b.wire("row_data", Type.unsigned(8 * widest));
    Net rowsIdle = b.wire("rows_idle", Type.BIT);
    Value rowReady = b.wire("row_ready", selectByTarget(target, targets.stream().map(t -> (Value) t.ready()).toList()));
    InstanceBuilder repacker = b.instance("u_rows", repackerModule);
    Queue.connectClockAndReset(b, repacker, config.reset());
    repacker.connect("in_valid", beats.outValid().and(burstQueue.outValid()))
        .connect("in_ready", unitTaken)
        .connect("in_data", beats.outData().slice(config.dataWidth() - 1, 0))
        .connect("in_lo", Value.mux(firstBeat, burstFields.get(burstHead, "lo").zext(config.laneCountWidth()),
            Bits.constant(0, config.laneCountWidth())))
        .connect("in_hi", Value.mux(lastBeat, burstFields.get(burstHead, "hi"),
            Bits.constant(busBytes, config.laneCountWidth())))
        .connect("in_first", firstBeat.and(burstFields.get(burstHead, "row_start")))
        .connect("in_offset", Bits.constant(0, Bits.bitsFor(widest)))
        .connect("in_last", lastBeat.and(burstFields.get(burstHead, "row_end")))
        .connect("out_valid", rowValid)
        .connect("out_ready", rowReady)
        .connect("out_data", rowData)
        .connect("idle", rowsIdle);
    if (locals.size() > 1) {
      repacker.connect("len_sel", target);
    }
    beatPop.assign(unitTaken);
    burstPop.assign(burstRetired);
    beatIndex.next(Value.mux(lastBeat, Bits.constant(0, 8), beatIndex.add(1))).enable(unitTaken);

    Value rowWritten = b.wire("row_written", rowValid.and(rowReady));
    for (int t = 0; t < targets.size(); t++) {
      LocalWritePort port = targets.get(t);
      port.valid().assign(rowValid.and(target.eq(t)));
      port.addr().assign(localRow.slice(port.local().addressWidth() - 1, 0));
      port.data().assign(rowData.slice(8 * port.local().rowBytes() - 1, 0));
    }
    localRow.next(Value.mux(accept, desc.local(), localRow.add(1))).enable(accept.or(rowWritten));
    // An unreachable target moves no rows, so the numbers of the memories written are enough.
    Value written = desc.target().width() == targetWidth ? desc.target() : desc.target().slice(targetWidth - 1, 0);
    target.next(written).enable(accept);

    burstRetired.assign(unitTaken.and(lastBeat));

    Value finished = b.wire("finished", busy.and(bursts.planning().not()).and(bursts.addressValid().not())
        .and(bursts.outstanding().eq(0))
        .and(rowsIdle));
    busy.next(accept.or(busy.and(finished.not())));
    Value beatAddr = b.wire("beat_addr", burstFields.get(burstHead, "addr")
        .add(beatIndex.zext(aw).shl(config.laneIndexWidth()), aw));
    completion.record(b, busy, accept, desc, finished, unitTaken.and(beatResp.ne(0)), beatAddr, beatResp);
    return b.build();
  }

  static Value selectByTarget(Value target, List<Value> perTarget) {
    Value chosen = perTarget.get(0);
    for (int t = 1; t < perTarget.size(); t++) {
      chosen = Value.mux(target.eq(t), perTarget.get(t), chosen);
    }
    return chosen;
  }

  private record LocalWritePort(LocalMemory local, Net valid, Signal ready, Net addr, Net data) {}
}
