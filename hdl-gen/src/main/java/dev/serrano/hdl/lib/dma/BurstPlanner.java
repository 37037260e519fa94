package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;

/**
 * {@code dma_burst_planner_...}: splits a 2-D transfer (rows of {@code row_bytes} bytes, {@code stride}
 * bytes apart) into AXI INCR bursts, shared by the DMA reader and writer so both cut transfers the
 * same way. A burst never crosses a 4 KiB boundary, never exceeds the maximum burst length, never
 * spans two rows, and starts at the bus-aligned address below its first byte.
 *
 * <p>{@code start} loads a transfer (ignored while {@code valid}); then {@code valid} is high with
 * the current burst on the outputs until {@code next} takes it; {@code valid} stays low after the
 * last burst. For each burst: {@code burst_addr} (aligned), {@code burst_len} (beats - 1),
 * {@code burst_lo} (first valid byte of the first beat), {@code burst_hi} (end of the valid bytes
 * of the last beat, 1 to the bus width), {@code row_start} and {@code row_end} (the burst starts
 * or ends its row). The outputs are functions of registers only.
 */
final class BurstPlanner {
  private BurstPlanner() {}

  static Module build(DmaConfig config) {
    int busBytes = config.busBytes();
    int lanes = Bits.log2(busBytes);
    int aw = config.addressWidth();
    int rowBytesWidth = DmaConfig.ROW_BYTES_WIDTH;
    ModuleBuilder b = new ModuleBuilder("dma_burst_planner_" + config.nameSuffix(), BurstPlanner.class)
        .describe("splits 2-D transfers into AXI INCR bursts within 4 KiB pages and the maximum burst length")
        .parameter("busBytes", busBytes)
        .parameter("addressWidth", aw)
        .parameter("maxBurst", config.maxBurst());
    b.clockAndReset(config.reset());
    b.group("transfer");
    Signal start = b.input("start", Type.BIT);
    Signal startAddr = b.input("start_addr", Type.unsigned(aw));
    Signal startRows = b.input("start_rows", Type.unsigned(DmaConfig.ROWS_WIDTH));
    Signal startRowBytes = b.input("start_row_bytes", Type.unsigned(rowBytesWidth));
    Signal startStride = b.input("start_stride", Type.unsigned(aw));
    b.group("bursts");
    Net valid = b.output("valid", Type.BIT);
    Signal next = b.input("next", Type.BIT);
    Net burstAddr = b.output("burst_addr", Type.unsigned(aw));
    Net burstLen = b.output("burst_len", Type.unsigned(8));
    Net burstLo = b.output("burst_lo", Type.unsigned(config.laneIndexWidth()));
    Net burstHi = b.output("burst_hi", Type.unsigned(config.laneCountWidth()));
    Net rowStart = b.output("row_start", Type.BIT);
    Net rowEnd = b.output("row_end", Type.BIT);

    Reg address = b.reg("addr_q", Type.unsigned(aw)).resetTo(0);
    Reg rowBase = b.reg("row_base_q", Type.unsigned(aw)).resetTo(0);
    Reg stride = b.reg("stride_q", Type.unsigned(aw)).resetTo(0);
    Reg rowBytes = b.reg("row_bytes_q", Type.unsigned(rowBytesWidth)).resetTo(0);
    Reg remaining = b.reg("remaining_q", Type.unsigned(rowBytesWidth)).resetTo(0);
    Reg rowsLeft = b.reg("rows_left_q", Type.unsigned(DmaConfig.ROWS_WIDTH)).resetTo(0);
    Reg firstOfRow = b.reg("first_of_row_q", Type.BIT).resetTo(0);

    // Beat counts need room for a whole row's beats (row bytes plus a lane offset).
    int beatWidth = rowBytesWidth + 1;
    Value offset = b.wire("offset", address.slice(lanes - 1, 0).zext(beatWidth));
    Value aligned = b.wire("aligned", Value.concat(address.slice(aw - 1, lanes), Bits.constant(0, lanes)));
    Value beatsToRowEnd = b.wire("beats_to_row_end",
        offset.add(remaining, beatWidth).add(Bits.constant(busBytes - 1, beatWidth), beatWidth).shr(lanes));
    Value beatsToPage = b.wire("beats_to_page", Bits.constant(4096 / busBytes, beatWidth)
        .sub(address.slice(11, lanes).zext(beatWidth), beatWidth));
    Value pageOrBurst = b.wire("page_or_burst_beats", Bits.min(beatsToPage, Bits.constant(config.maxBurst(), beatWidth)));
    Value lastOfRow = b.wire("last_of_row", beatsToRowEnd.le(pageOrBurst));
    Value beats = b.wire("beats", Value.mux(lastOfRow, beatsToRowEnd, pageOrBurst));
    // Only needed when the burst ends inside its row, so it is smaller than the row and fits its width.
    Value burstBytes = b.wire("burst_bytes", beats.slice(rowBytesWidth - 1, 0).shl(lanes)
        .sub(offset.slice(rowBytesWidth - 1, 0), rowBytesWidth));
    Value rowEndBytes = b.wire("row_end_bytes",
        offset.slice(lanes - 1, 0).add(remaining.slice(lanes - 1, 0), lanes).sub(1));
    Value nextRow = b.wire("next_row_base", rowBase.add(stride, aw));

    Value loads = start.and(valid.not());
    Value empty = startRows.eq(0).or(startRowBytes.eq(0));
    // An address narrower than a row's beat count (addressWidth 12 to 20) takes the low bits of a
    // sum at the beat count's width: a burst that ends inside its row moves at most one 4 KiB page.
    Value nextBurst = aw >= beatWidth ? aligned.add(beats.zext(aw).shl(lanes), aw)
        : aligned.zext(beatWidth).add(beats.shl(lanes), beatWidth).slice(aw - 1, 0);
    address.next(Value.mux(loads, startAddr, Value.mux(lastOfRow, nextRow, nextBurst)))
        .enable(loads.or(next));
    rowBase.next(Value.mux(loads, startAddr, nextRow)).enable(loads.or(next.and(lastOfRow)));
    stride.next(startStride).enable(loads);
    rowBytes.next(startRowBytes).enable(loads);
    remaining.next(Value.mux(loads, startRowBytes, Value.mux(lastOfRow, rowBytes,
        remaining.sub(burstBytes, rowBytesWidth)))).enable(loads.or(next));
    rowsLeft.next(Value.mux(loads, Value.mux(empty, Bits.constant(0, DmaConfig.ROWS_WIDTH), startRows),
        rowsLeft.sub(1))).enable(loads.or(next.and(lastOfRow)));
    firstOfRow.next(loads.or(lastOfRow)).enable(loads.or(next));

    valid.assign(rowsLeft.ne(0));
    burstAddr.assign(aligned);
    burstLen.assign(beats.slice(7, 0).sub(1));
    burstLo.assign(offset.slice(config.laneIndexWidth() - 1, 0));
    burstHi.assign(Value.mux(lastOfRow, rowEndBytes.zext(config.laneCountWidth()).add(1),
        Bits.constant(busBytes, config.laneCountWidth())));
    rowStart.assign(firstOfRow);
    rowEnd.assign(lastOfRow);
    return b.build();
  }
}
