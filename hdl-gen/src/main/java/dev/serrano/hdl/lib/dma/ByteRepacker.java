package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Resets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code byte_repacker_i<in>_o<out>}: turns a stream of byte ranges of {@code in}-byte words into
 * {@code out}-byte words, segment by segment. Both DMA engines use it: the reader turns AXI beats
 * (an unaligned first and last beat) into scratchpad or accumulator rows, the writer turns rows
 * into AXI beats that start at an unaligned address (the mask becomes the write strobes).
 *
 * <p>Input unit: {@code in_data} with the bytes {@code [in_lo, in_hi)} valid, in stream order.
 * {@code in_first} marks the first unit of a segment, whose first byte lands at output byte
 * {@code in_offset}; {@code in_last} marks the last unit of a segment. Output words have
 * {@code len} bytes (selected by {@code len_sel} among the configured lengths, constant during a
 * segment); {@code out_mask} has a bit per byte that carries stream data, and the other bytes of
 * {@code out_data} are zero. A word is emitted when it is full or its segment ends
 * ({@code out_last}); a segment's first word starts at {@code in_offset}, the next ones at 0.
 *
 * <p>Throughput: one input unit per cycle while at most one output word is completed by it (the
 * bytes that overflow into the next word are carried in the same cycle); a unit holding more than
 * one further word is consumed over several cycles, one word per cycle. When a segment ends with
 * carried bytes, its last word takes one extra cycle. {@code in_ready} depends on this cycle's
 * input unit and on {@code out_ready}; the outputs are registers. {@code idle} is high when no
 * segment is in progress and no word is waiting.
 */
public final class ByteRepacker {

  /**
   * @param inBytes bytes per input unit, 1 to 512
   * @param outBytes bytes of the widest output word, 1 to 512
   * @param lengths the output word lengths {@code len_sel} chooses from, each 1 to {@code outBytes}
   */
  public record Config(int inBytes, int outBytes, List<Integer> lengths, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("inBytes", inBytes, 1, 512);
      ConfigException.requireRange("outBytes", outBytes, 1, 512);
      lengths = List.copyOf(lengths);
      if (lengths.isEmpty()) {
        throw new ConfigException("lengths: at least one output length is needed");
      }
      for (int length : lengths) {
        ConfigException.requireRange("lengths", length, 1, outBytes);
      }
    }

    public Config(int inBytes, int outBytes, ResetStyle reset) {
      this(inBytes, outBytes, List.of(outBytes), reset);
    }

    public String moduleName() {
      String lengthPart = lengths.equals(List.of(outBytes)) ? ""
          : "_l" + lengths.stream().map(String::valueOf).collect(Collectors.joining("_"));
      return "byte_repacker_i" + inBytes + "_o" + outBytes + lengthPart + Resets.nameSuffix(reset);
    }

    int positionWidth() {
      return Bits.bitsFor(inBytes);
    }

    int fillWidth() {
      return Bits.bitsFor(outBytes);
    }

    int selectWidth() {
      return Bits.bitsFor(lengths.size() - 1);
    }
  }

  private ByteRepacker() {}

  public static Module build(Config config) {
    int in = config.inBytes();
    int out = config.outBytes();
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), ByteRepacker.class)
        .describe("repacks byte ranges of " + in + "-byte words into " + out + "-byte words, segment by segment")
        .parameter("inBytes", in)
        .parameter("outBytes", out)
        .parameter("lengths", config.lengths().stream().map(String::valueOf).collect(Collectors.joining(",")))
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("input units");
    Signal inValid = b.input("in_valid", Type.BIT);
    Net inReady = b.output("in_ready", Type.BIT);
    Signal inData = b.input("in_data", Type.unsigned(8 * in));
    Signal inLo = b.input("in_lo", Type.unsigned(config.positionWidth()));
    Signal inHi = b.input("in_hi", Type.unsigned(config.positionWidth()));
    Signal inFirst = b.input("in_first", Type.BIT);
    Signal inOffset = b.input("in_offset", Type.unsigned(config.fillWidth()));
    Signal inLast = b.input("in_last", Type.BIT);
    Value lenSelect = config.lengths().size() > 1 ? b.input("len_sel", Type.unsigned(config.selectWidth())) : null;
    b.group("output words");
    Net outValid = b.output("out_valid", Type.BIT);
    Signal outReady = b.input("out_ready", Type.BIT);
    Net outData = b.output("out_data", Type.unsigned(8 * out));
    Net outMask = b.output("out_mask", Type.unsigned(out));
    Net outLast = b.output("out_last", Type.BIT);
    Net idle = b.output("idle", Type.BIT);

    // Byte counts are compared and added at one width wide enough for every sum below.
    int w = Math.max(config.positionWidth(), config.fillWidth()) + 2;

    Reg stage = b.reg("stage_q", Type.unsigned(8 * out)).resetTo(0);
    Reg stageMask = b.reg("stage_mask_q", Type.unsigned(out)).resetTo(0);
    Reg fillQ = b.reg("fill_q", Type.unsigned(w)).resetTo(0);
    Reg flushQ = b.reg("flush_q", Type.BIT).resetTo(0);
    Reg partialQ = b.reg("partial_q", Type.BIT).resetTo(0);
    Reg positionQ = b.reg("position_q", Type.unsigned(w)).resetTo(0);
    Reg outValidQ = b.reg("out_valid_q", Type.BIT).resetTo(0);
    Reg outDataQ = b.reg("out_data_q", Type.unsigned(8 * out)).resetTo(0);
    Reg outMaskQ = b.reg("out_mask_q", Type.unsigned(out)).resetTo(0);
    Reg outLastQ = b.reg("out_last_q", Type.BIT).resetTo(0);

    Value advance = b.wire("advance", outValidQ.not().or(outReady));
    Value length = b.wire("len", selectLength(config, lenSelect, w));
    Value active = b.wire("active", inValid.and(advance).and(flushQ.not()));
    Value flushing = b.wire("flushing", flushQ.and(advance));
    // A unit is fresh until part of it has been consumed; a segment's first unit starts at its offset.
    Value position = b.wire("position", Value.mux(partialQ, positionQ, inLo.zext(w)));
    Value fill = b.wire("fill", Value.mux(partialQ.not().and(inFirst), inOffset.zext(w), fillQ));
    Value available = b.wire("available", inHi.zext(w).sub(position, w));
    Value space = b.wire("space", length.sub(fill, w));
    Value fits = b.wire("fits", available.lt(space));
    Value take = b.wire("take", Value.mux(fits, available, space));
    Value rest = b.wire("rest", available.sub(space, w));
    Value consumed = b.wire("consumed", fits.or(rest.lt(length)));
    Value carries = b.wire("carries", fits.not().and(rest.ne(0)));
    Value completes = b.wire("completes", fits.not().or(inLast));

    // Shift the unit so that byte (position - fill + k) of it sits at byte k: window byte k fills
    // word byte k, window byte k + len fills carried byte k.
    int padded = Math.max(in + out, 2 * out);
    Value extended = Value.concat(inData, Bits.constant(0, 8 * out)).zext(8 * padded);
    Value shiftBytes = b.wire("shift_bytes", position.add(Bits.constant(out, w), w).sub(fill, w));
    Value window = b.wire("window",
        extended.shr(Value.concat(shiftBytes, Bits.constant(0, 3))).slice(16 * out - 1, 0));
    Value end = b.wire("fill_end", fill.add(take, w));
    List<Value> mergedBytes = new ArrayList<>();
    List<Value> mergedMaskBits = new ArrayList<>();
    List<Value> carryBytes = new ArrayList<>();
    List<Value> carryMaskBits = new ArrayList<>();
    for (int k = 0; k < out; k++) {
      Value index = Bits.constant(k, w);
      Value takesByte = index.ge(fill).and(index.lt(end));
      mergedBytes.add(Value.mux(takesByte, byteOf(window, k), byteOf(stage, k)));
      mergedMaskBits.add(takesByte.or(stageMask.bit(k)));
      Value carried = index.lt(rest).and(carries);
      carryBytes.add(Value.mux(carried, carriedByte(config, window, lenSelect, k), Bits.constant(0, 8)));
      carryMaskBits.add(carried);
    }
    Value merged = b.wire("merged", lsbFirst(mergedBytes));
    Value mergedMask = b.wire("merged_mask", lsbFirst(mergedMaskBits));
    Value carry = b.wire("carry", lsbFirst(carryBytes));
    Value carryMask = b.wire("carry_mask", lsbFirst(carryMaskBits));

    Value emit = b.wire("emit", active.and(completes).or(flushing));
    Value segmentEnds = b.wire("segment_ends", inLast.and(consumed).and(carries.not()));
    outValidQ.next(Value.mux(emit, Bits.constant(1, 1), Value.mux(outReady, Bits.constant(0, 1), outValidQ)));
    outDataQ.next(Value.mux(flushing, stage, merged)).enable(emit);
    outMaskQ.next(Value.mux(flushing, stageMask, mergedMask)).enable(emit);
    outLastQ.next(flushing.or(segmentEnds)).enable(emit);

    // Staging after this cycle: cleared by an emitted word, refilled by carried bytes, or merged.
    Value keepsMerged = active.and(completes.not());
    Value startsCarry = active.and(completes).and(consumed);
    stage.next(Value.mux(keepsMerged, merged, Value.mux(startsCarry, carry, Bits.constant(0, 8 * out))))
        .enable(active.or(flushing));
    stageMask.next(Value.mux(keepsMerged, mergedMask, Value.mux(startsCarry, carryMask, Bits.constant(0, out))))
        .enable(active.or(flushing));
    fillQ.next(Value.mux(keepsMerged, end, Value.mux(startsCarry.and(carries), rest, Bits.constant(0, w))))
        .enable(active.or(flushing));
    flushQ.next(startsCarry.and(carries).and(inLast)).enable(active.or(flushing));
    partialQ.next(consumed.not()).enable(active);
    positionQ.next(position.add(space, w)).enable(active);

    inReady.assign(active.and(consumed));
    outValid.assign(outValidQ);
    outData.assign(outDataQ);
    outMask.assign(outMaskQ);
    outLast.assign(outLastQ);
    idle.assign(outValidQ.not().and(flushQ.not()).and(partialQ.not()).and(stageMask.eq(0)));
    return b.build();
  }

  private static Value selectLength(Config config, Value lenSelect, int width) {
    List<Integer> lengths = config.lengths();
    Value chosen = Bits.constant(lengths.get(0), width);
    for (int i = 1; i < lengths.size(); i++) {
      chosen = Value.mux(lenSelect.eq(i), Bits.constant(lengths.get(i), width), chosen);
    }
    return chosen;
  }

  /** Window byte {@code k + len}: a fixed slice per configured length. */
  private static Value carriedByte(Config config, Value window, Value lenSelect, int k) {
    List<Integer> lengths = config.lengths();
    Value chosen = byteOf(window, k + lengths.get(0));
    for (int i = 1; i < lengths.size(); i++) {
      chosen = Value.mux(lenSelect.eq(i), byteOf(window, k + lengths.get(i)), chosen);
    }
    return chosen;
  }

  private static Value byteOf(Value word, int index) {
    return word.slice(8 * index + 7, 8 * index);
  }

  private static Value lsbFirst(List<Value> parts) {
    List<Value> msbFirst = new ArrayList<>(parts);
    java.util.Collections.reverse(msbFirst);
    return Value.concat(msbFirst.toArray(Value[]::new));
  }
}
