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
import dev.serrano.hdl.lib.Counters;
import dev.serrano.hdl.lib.Fields;
import dev.serrano.hdl.lib.Queue;
import dev.serrano.hdl.lib.dma.DmaConfig.LocalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dma_writer_...}: copies local memory rows into a 2-D region of main memory over the write
 * channels of an AXI4 master; the mirror of {@link DmaReader} with the same descriptor.
 *
 * <p>Main-memory row r (at {@code desc_addr + r * desc_stride}, {@code desc_row_bytes} long) takes
 * its bytes from ceil(row bytes / local row bytes) consecutive local rows of memory
 * {@code desc_target}, the first at {@code desc_local}; the bytes of a row's last local row after
 * the row's end are not written. A target number past the last memory moves nothing and completes
 * with DECERR. Unaligned row starts and ends are written with byte strobes:
 * no byte outside the region changes.
 *
 * <p>On the bus: the same bursts as the reader (bus-aligned, within 4 KiB, at most
 * {@code maxBurst} beats, ID 0, up to {@code outstanding} awaiting their response); a burst's data
 * follows its address, one beat per cycle while the slave accepts and the local memory delivers;
 * {@code bready} is always high. Error responses are reported as by the reader, with the address
 * of the first failing burst.
 *
 * <p>Local reads: a read moves when {@code <mem>_rd_valid && <mem>_rd_ready}; rows come back on
 * {@code <mem>_rd_data} with {@code <mem>_rd_data_valid}, in read order, after any latency of at
 * least one cycle (the banked memory answers in the next cycle; a pipelined post-processor
 * later). The writer fetches ahead as many rows as cover the slowest source's declared latency
 * ({@link DmaConfig.LocalMemory#readLatency}) plus the queues, and always has room for what
 * returns, so a source never needs back-pressure on returned rows.
 */
public final class DmaWriter {
  private DmaWriter() {}

  public static Module build(DmaConfig config) {
    int busBytes = config.busBytes();
    int aw = config.addressWidth();
    int widest = DmaConfig.widestRowBytes(config.locals());
    int lanes = config.laneIndexWidth();
    List<LocalMemory> locals = config.locals();
    ModuleBuilder b = new ModuleBuilder("dma_writer_" + config.nameSuffix() + "_o" + config.outstanding()
        + config.localsSuffix(), DmaWriter.class)
        .describe("DMA writer: local memory rows into 2-D main-memory regions over AXI4 writes")
        .parameter("dataWidth", config.dataWidth())
        .parameter("addressWidth", aw)
        .parameter("maxBurst", config.maxBurst())
        .parameter("outstanding", config.outstanding());
    b.clockAndReset(config.reset());
    Descriptor desc = Descriptor.declare(b, config, locals.size());
    Completion completion = Completion.declare(b, config);
    List<LocalReadPort> sources = new ArrayList<>();
    for (LocalMemory local : locals) {
      b.group(local.name() + " reads");
      sources.add(new LocalReadPort(local, b.output(local.name() + "_rd_valid", Type.BIT),
          b.input(local.name() + "_rd_ready", Type.BIT),
          b.output(local.name() + "_rd_addr", Type.unsigned(local.addressWidth())),
          b.input(local.name() + "_rd_data_valid", Type.BIT),
          b.input(local.name() + "_rd_data", Type.unsigned(8 * local.rowBytes()))));
    }
    BusPorts axi = b.busChannels(config.bus("m_axi"), "aw", "w", "b");

    Reg busy = b.reg("busy_q", Type.BIT).resetTo(0);
    Reg target = b.reg("target_q", Type.unsigned(config.targetWidth())).resetTo(0);
    Value accept = b.wire("accept", desc.valid().and(busy.not()));
    desc.ready().assign(busy.not());
    target.next(desc.target()).enable(accept);

    // Bursts, as in the reader; a burst retires with its write response.
    Value response = b.wire("b_taken", axi.in("bvalid"));
    BurstIssue bursts = BurstIssue.build(b, config, desc, accept, axi, "aw", response);
    Value issue = bursts.issue();
    // The beats come from the rows' own byte counts and offsets, so the lanes the planner reports are not needed.
    b.wire("unused_plan_lanes", Value.concat(bursts.lo(), bursts.hi(), bursts.rowStart(), bursts.rowEnd()));

    // Rows are fetched ahead of the bursts, as far as the row queue has room.
    Reg rowsLeft = b.reg("fetch_rows_q", Type.unsigned(DmaConfig.ROWS_WIDTH)).resetTo(0);
    Reg rowBytes = b.reg("row_bytes_q", Type.unsigned(DmaConfig.ROW_BYTES_WIDTH)).resetTo(0);
    Reg remaining = b.reg("fetch_remaining_q", Type.unsigned(DmaConfig.ROW_BYTES_WIDTH)).resetTo(0);
    Reg rowOffset = b.reg("fetch_offset_q", Type.unsigned(lanes)).resetTo(0);
    Reg strideLanes = b.reg("stride_lanes_q", Type.unsigned(lanes)).resetTo(0);
    Reg firstOfRow = b.reg("fetch_first_q", Type.BIT).resetTo(0);
    Reg localRow = b.reg("local_row_q", Type.unsigned(config.localAddressWidth())).resetTo(0);
    int queueDepth = config.rowQueueDepth();
    Reg credits = b.reg("credits_q", Type.unsigned(Bits.bitsFor(queueDepth))).resetTo(queueDepth);
    Value sourceRowBytes = b.wire("source_row_bytes", DmaReader.selectByTarget(target, locals.stream()
        .map(l -> Bits.constant(l.rowBytes(), DmaConfig.ROW_BYTES_WIDTH)).toList()));
    Value lastChunk = b.wire("last_chunk", remaining.le(sourceRowBytes));
    int chunkWidth = Bits.bitsFor(widest);
    Value chunkBytes = b.wire("chunk_bytes", Value.mux(lastChunk, remaining.slice(chunkWidth - 1, 0),
        sourceRowBytes.slice(chunkWidth - 1, 0)));
    Value fetching = b.wire("fetching", rowsLeft.ne(0).and(credits.ne(0)));
    Value granted = b.wire("granted", fetching.and(DmaReader.selectByTarget(target,
        sources.stream().map(s -> (Value) s.ready()).toList())));
    for (int t = 0; t < sources.size(); t++) {
      LocalReadPort port = sources.get(t);
      port.valid().assign(fetching.and(target.eq(t)));
      port.addr().assign(localRow.slice(port.local().addressWidth() - 1, 0));
    }
    Value emptyTransfer = desc.rows().eq(0).or(desc.rowBytes().eq(0));
    rowsLeft.next(Value.mux(accept, Value.mux(emptyTransfer, Bits.constant(0, DmaConfig.ROWS_WIDTH), desc.rows()),
        rowsLeft.sub(1))).enable(accept.or(granted.and(lastChunk)));
    rowBytes.next(desc.rowBytes()).enable(accept);
    remaining.next(Value.mux(accept, desc.rowBytes(), Value.mux(lastChunk, rowBytes,
        remaining.sub(sourceRowBytes, DmaConfig.ROW_BYTES_WIDTH)))).enable(accept.or(granted));
    rowOffset.next(Value.mux(accept, desc.addr().slice(lanes - 1, 0), rowOffset.add(strideLanes, lanes)))
        .enable(accept.or(granted.and(lastChunk)));
    strideLanes.next(desc.stride().slice(lanes - 1, 0)).enable(accept);
    firstOfRow.next(accept.or(lastChunk)).enable(accept.or(granted));
    localRow.next(Value.mux(accept, desc.local(), localRow.add(1))).enable(accept.or(granted));

    // Rows come back in read order after the source's latency; tags queue beside them and the two
    // queue heads pair up by position.
    Fields tagFields = new Fields().add("bytes", Bits.bitsFor(widest)).add("first", 1).add("offset", lanes)
        .add("last", 1);
    Net rowPop = b.wire("row_pop", Type.BIT);
    Queue tags = Queue.of(b, "tags", tagFields.width(), queueDepth, config.reset(), granted,
        tagFields.pack(chunkBytes, firstOfRow, rowOffset, lastChunk), rowPop);
    Value returned = b.wire("row_returned", DmaReader.selectByTarget(target,
        sources.stream().map(s -> (Value) s.dataValid()).toList()));
    Value returnedData = b.wire("row_returned_data", DmaReader.selectByTarget(target,
        sources.stream().map(s -> widen(s.data(), 8 * widest)).toList()));
    Queue rows = Queue.of(b, "rows", 8 * widest, queueDepth, config.reset(), returned, returnedData, rowPop);
    Value rowTag = tags.outData();
    Counters.upDown(credits, rowPop, granted);

    // Rows become beats; a beat goes out once its burst's address has been issued.
    Net lenPop = b.wire("len_pop", Type.BIT);
    Queue burstLens = Queue.of(b, "burst_lens", 8, config.outstanding(), config.reset(), issue,
        bursts.len(), lenPop);
    Module repackerModule = ByteRepacker.build(new ByteRepacker.Config(widest, busBytes, config.reset()));
    Net beatValid = b.wire("beat_valid", Type.BIT);
    Net beatData = b.wire("beat_data", Type.unsigned(config.dataWidth()));
    Net beatMask = b.wire("beat_mask", Type.unsigned(busBytes));
    Net beatsIdle = b.wire("beats_idle", Type.BIT);
    Value wTaken = b.wire("w_taken", beatValid.and(burstLens.outValid()).and(axi.in("wready")));
    InstanceBuilder repacker = b.instance("u_beats", repackerModule);
    Queue.connectClockAndReset(b, repacker, config.reset());
    repacker.connect("in_valid", rows.outValid().and(tags.outValid()))
        .connect("in_ready", rowPop)
        .connect("in_data", rows.outData())
        .connect("in_lo", Bits.constant(0, Bits.bitsFor(widest)))
        .connect("in_hi", tagFields.get(rowTag, "bytes"))
        .connect("in_first", tagFields.get(rowTag, "first"))
        .connect("in_offset", tagFields.get(rowTag, "offset").zext(Bits.bitsFor(busBytes)))
        .connect("in_last", tagFields.get(rowTag, "last"))
        .connect("out_valid", beatValid)
        .connect("out_ready", burstLens.outValid().and(axi.in("wready")))
        .connect("out_data", beatData)
        .connect("out_mask", beatMask)
        .connect("idle", beatsIdle);
    Reg beatIndex = b.reg("w_beat_q", Type.unsigned(8)).resetTo(0);
    Value lastBeat = b.wire("w_last_beat", beatIndex.eq(burstLens.outData()));
    beatIndex.next(Value.mux(lastBeat, Bits.constant(0, 8), beatIndex.add(1))).enable(wTaken);
    lenPop.assign(wTaken.and(lastBeat));
    axi.out("wvalid").assign(beatValid.and(burstLens.outValid()));
    axi.out("wdata").assign(beatData);
    axi.out("wstrb").assign(beatMask);
    // Gated by the burst queue's valid: its head is unknown while it is empty (after reset).
    axi.out("wlast").assign(lastBeat.and(burstLens.outValid()));

    // Responses, in burst order: the address of each burst waits for its response.
    Queue burstAddrs = Queue.of(b, "burst_addrs", aw, config.outstanding(), config.reset(), issue, bursts.addr(),
        response);
    axi.out("bready").assign(Bits.constant(1, 1));
    b.wire("unused_b", Value.concat(axi.in("bid"), burstAddrs.inReady(), burstLens.inReady(), rows.inReady(),
        tags.inReady(),
        burstAddrs.outValid()));

    Value finished = b.wire("finished", busy.and(bursts.planning().not()).and(bursts.addressValid().not())
        .and(bursts.outstanding().eq(0))
        .and(rowsLeft.eq(0)).and(credits.eq(queueDepth)).and(beatsIdle));
    busy.next(accept.or(busy.and(finished.not())));
    Value bresp = axi.in("bresp");
    completion.record(b, busy, accept, desc, finished, response.and(bresp.ne(0)), burstAddrs.outData(), bresp);
    return b.build();
  }

  private static Value widen(Value value, int width) {
    return value.width() == width ? value : value.zext(width);
  }

  private record LocalReadPort(LocalMemory local, Net valid, Signal ready, Net addr, Signal dataValid,
      Signal data) {}
}
