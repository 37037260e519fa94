package dev.serrano.hdl.lib.post;

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
import dev.serrano.hdl.lib.Fifo;
import dev.serrano.hdl.lib.Resets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code post_process_l<lanes>}: the store-path post-processing of accumulator rows, bit-exact
 * with TensorFlow Lite's integer kernels. Per lane: {@code acc + bias} (int32, wrapping); when
 * {@code requantize}, TFLite's {@code MultiplyByQuantizedMultiplier} (gemmlowp's
 * {@code SaturatingRoundingDoublingHighMul} of the left-shifted value, then
 * {@code RoundingDivideByPOT}) plus {@code zero_point} (wrapping); then
 * {@code min(max(v, clamp_min), clamp_max)}, and for int8 output the clamp to -128..127. The
 * formulas, edge cases and port layout are in {@code docs/post-processing.md}.
 *
 * <p>Ports: lane k of {@code in_data}, {@code bias}, {@code multiplier} and {@code out_data} is
 * bits {@code [32k +: 32]}, of {@code shift} bits {@code [8k +: 8]} (signed, positive = left,
 * saturated to -31..30). With {@code out_int8} lane k's int8 result is byte k of
 * {@code out_data}, the bits above {@code 8 * lanes} zero. {@code bias}, {@code multiplier},
 * {@code shift}, {@code zero_point}, {@code clamp_min}, {@code clamp_max}, {@code requantize} and
 * {@code out_int8} are sampled with each input row.
 *
 * <p>Contract: a row moves at a rising edge where valid and ready are both high, on either side.
 * Rows leave in order, none lost or duplicated. The arithmetic pipeline never stalls: a row
 * accepted at edge t is written into the output FIFO at edge t + {@link #PIPELINE_STAGES} and
 * offered on {@code out_valid} right after edge t + 11: {@link #LATENCY} = 12 cycles after the
 * cycle it was accepted in, so it leaves at edge t + 12 at the earliest. The FIFO has room for every
 * row in flight, because {@code in_ready} is high exactly while fewer than {@link #CAPACITY} rows
 * are accepted and not yet taken; that count is a register, so {@code in_ready} depends on
 * {@code out_ready} only through it (one cycle later) and not at all on {@code in_valid}.
 * {@code out_valid} and {@code out_data} come from the FIFO's output register: no combinational
 * path from any input to any output. One row per cycle is sustained while {@code out_ready} stays
 * high, since the capacity exceeds the round trip.
 */
public final class PostProcess {
  /** Register stages from the input to the packed output row, which the FIFO stores at the next edge. */
  public static final int PIPELINE_STAGES = 10;
  /**
   * Cycles from the cycle a row is accepted in to the first cycle it is offered in: the pipeline,
   * the FIFO's write and its output register.
   */
  public static final int LATENCY = PIPELINE_STAGES + 2;
  /** Rows accepted and not yet taken, at most: the output FIFO's depth. */
  public static final int CAPACITY = 16;

  private static final int WORD = 32;
  private static final int SHIFT_WIDTH = 8;
  private static final int SHIFT_AMOUNT_WIDTH = 5;
  private static final int MAX_LEFT_SHIFT = 30;
  private static final int MAX_RIGHT_SHIFT = 31;

  /**
   * @param lanes 32-bit lanes per row, 1 to 256
   * @param accWidth accumulator lane width; requantisation is defined on int32, so only 32
   * @param reset the reset style of the design (only the control path is reset)
   */
  public record Config(int lanes, int accWidth, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("lanes", lanes, 1, 256);
      if (accWidth != WORD) {
        throw new ConfigException("accWidth must be 32 (TFLite requantisation is defined on int32"
            + " accumulators), got " + accWidth);
      }
    }

    public Config(int lanes, ResetStyle reset) {
      this(lanes, WORD, reset);
    }

    public String moduleName() {
      return "post_process_l" + lanes + Resets.nameSuffix(reset);
    }
  }

  /** The per-row scalars, each a register chain so that stage s sees the row it is working on. */
  private record Scalars(List<Reg> zeroPoint, List<Reg> clampMin, List<Reg> clampMax, List<Reg> requantize,
      List<Reg> outInt8) {}

  private PostProcess() {}

  public static Module build(Config config) {
    int lanes = config.lanes();
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), PostProcess.class)
        .describe("bias, TFLite requantisation, zero point, clamp and int8 packing of " + lanes
            + "-lane int32 rows; " + LATENCY + " cycles latency, one row per cycle")
        .parameter("lanes", lanes)
        .parameter("accWidth", config.accWidth())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("accumulator rows in");
    Signal inValid = b.input("in_valid", Type.BIT);
    Net inReady = b.output("in_ready", Type.BIT);
    Signal inData = b.input("in_data", Type.unsigned(lanes * WORD));
    b.group("per-row configuration, sampled with each input row");
    Signal bias = b.input("bias", Type.unsigned(lanes * WORD));
    Signal multiplier = b.input("multiplier", Type.unsigned(lanes * WORD));
    Signal shift = b.input("shift", Type.unsigned(lanes * SHIFT_WIDTH));
    Signal zeroPoint = b.input("zero_point", Type.signed(WORD));
    Signal clampMin = b.input("clamp_min", Type.signed(WORD));
    Signal clampMax = b.input("clamp_max", Type.signed(WORD));
    Signal requantize = b.input("requantize", Type.BIT);
    Signal outInt8 = b.input("out_int8", Type.BIT);
    b.group("output rows");
    Net outValid = b.output("out_valid", Type.BIT);
    Signal outReady = b.input("out_ready", Type.BIT);
    Net outData = b.output("out_data", Type.unsigned(lanes * WORD));

    Value accept = b.wire("accept", inValid.and(inReady));
    List<Reg> valid = validChain(b, accept);
    Scalars scalars = new Scalars(
        chain(b, "zero_point", zeroPoint, accept, 7),
        chain(b, "clamp_min", clampMin, accept, 8),
        chain(b, "clamp_max", clampMax, accept, 8),
        chain(b, "requantize", requantize, accept, 7),
        chain(b, "out_int8", outInt8, accept, 9));
    List<Value> results = new ArrayList<>();
    for (int k = 0; k < lanes; k++) {
      results.add(lane(b, k, accept, laneOf(inData, k, WORD), laneOf(bias, k, WORD),
          laneOf(multiplier, k, WORD), laneOf(shift, k, SHIFT_WIDTH), scalars));
    }
    Reg packed = b.reg("packed_s10_q", Type.unsigned(lanes * WORD));
    packed.next(pack(b, results, scalars.outInt8().get(8)));

    Value pop = b.wire("pop", outValid.and(outReady));
    inReady.assign(occupancy(b, accept, pop));
    outputFifo(b, config, valid.get(PIPELINE_STAGES - 1), packed, outReady, outValid, outData);
    return b.build();
  }

  /**
   * One lane's stages 1 to 9 (stage s's registers are loaded s - 1 edges after the row is
   * accepted); returns the clamped int32 result of stage 9.
   */
  private static Value lane(ModuleBuilder b, int k, Value accept, Value acc, Value bias, Value multiplier,
      Value shift, Scalars scalars) {
    String p = "lane" + k + "_";
    // Stage 1: the row and its per-lane configuration, as accepted.
    Reg accQ = b.reg(p + "acc_s1_q", Type.signed(WORD)).enable(accept).next(acc);
    Reg biasQ = b.reg(p + "bias_s1_q", Type.signed(WORD)).enable(accept).next(bias);
    Reg multiplierQ = b.reg(p + "multiplier_s1_q", Type.signed(WORD)).enable(accept).next(multiplier);
    Reg shiftQ = b.reg(p + "shift_s1_q", Type.signed(SHIFT_WIDTH)).enable(accept).next(shift);

    // Stage 2: the biased value (int32 wrap, as TFLite adds the bias) and the two shift amounts. The
    // pass-through path (requantize = 0) right-shifts by 0, which leaves its value unchanged.
    Reg biased = b.reg(p + "biased_s2_q", Type.signed(WORD)).next(accQ.add(biasQ, WORD));
    Reg leftShift = b.reg(p + "left_shift_s2_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(leftShiftOf(b, p, shiftQ));
    Value right = Value.mux(scalars.requantize().get(0), rightShiftOf(b, p, shiftQ),
        Bits.constant(0, SHIFT_AMOUNT_WIDTH));
    Reg rightShift2 = b.reg(p + "right_shift_s2_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(right);
    Reg multiplier2 = b.reg(p + "multiplier_s2_q", Type.signed(WORD)).next(multiplierQ);

    // Stage 3: x * (1 << left_shift) in int32 (wrapping, as TFLite computes it); the multiplier
    // operands are registered here and the product twice below, so the DSP blocks can absorb
    // their input, multiplier and output registers.
    Reg multiplicand = b.reg(p + "mul_a_s3_q", Type.signed(WORD)).next(biased.shl(leftShift));
    Reg multiplier3 = b.reg(p + "mul_b_s3_q", Type.signed(WORD)).next(multiplier2);
    Reg pass3 = b.reg(p + "pass_s3_q", Type.signed(WORD)).next(biased);
    Reg rightShift3 = b.reg(p + "right_shift_s3_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(rightShift2);

    // Stages 4 and 5: the 64-bit product.
    Reg product4 = b.reg(p + "product_s4_q", Type.signed(2 * WORD)).next(multiplicand.mul(multiplier3, 2 * WORD));
    Reg product5 = b.reg(p + "product_s5_q", Type.signed(2 * WORD)).next(product4);
    Reg pass4 = b.reg(p + "pass_s4_q", Type.signed(WORD)).next(pass3);
    Reg pass5 = b.reg(p + "pass_s5_q", Type.signed(WORD)).next(pass4);
    Reg rightShift4 = b.reg(p + "right_shift_s4_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(rightShift3);
    Reg rightShift5 = b.reg(p + "right_shift_s5_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(rightShift4);

    // Stage 6: SaturatingRoundingDoublingHighMul, or the pass-through value.
    Value high = Value.mux(scalars.requantize().get(4), doublingHighMul(b, p, product5), pass5);
    Reg high6 = b.reg(p + "high_s6_q", Type.signed(WORD)).next(high);
    Reg rightShift6 = b.reg(p + "right_shift_s6_q", Type.unsigned(SHIFT_AMOUNT_WIDTH)).next(rightShift5);

    // Stage 7: RoundingDivideByPOT's quotient and whether it rounds up.
    Reg quotient = b.reg(p + "quotient_s7_q", Type.signed(WORD)).next(arithmeticShiftRight(b, p, high6, rightShift6));
    Reg roundsUp = b.reg(p + "rounds_up_s7_q", Type.BIT).next(roundsUp(b, p, high6, rightShift6));

    // Stage 8: rounded quotient plus the zero point (int32 wrap), which pass-through rows skip.
    Value offset = Value.mux(scalars.requantize().get(6), scalars.zeroPoint().get(6), Value.constant(0, Type.signed(WORD)));
    Reg offsetQ = b.reg(p + "offset_s8_q", Type.signed(WORD))
        .next(quotient.add(offset, WORD).add(roundsUp.zext(WORD), WORD).asSigned());

    // Stage 9: min(max(v, clamp_min), clamp_max), TFLite's order: with crossed bounds clamp_max wins.
    Value clampMin = scalars.clampMin().get(7);
    Value clampMax = scalars.clampMax().get(7);
    Value aboveMax = b.wire(p + "above_max", offsetQ.gt(clampMax).or(clampMin.gt(clampMax)));
    Value belowMin = b.wire(p + "below_min", offsetQ.lt(clampMin));
    Reg clamped = b.reg(p + "clamped_s9_q", Type.signed(WORD))
        .next(Value.mux(aboveMax, clampMax, Value.mux(belowMin, clampMin, offsetQ)));
    return clamped;
  }

  /** max(shift, 0), at most 30 (shift saturated to -31..30). */
  private static Value leftShiftOf(ModuleBuilder b, String p, Value shift) {
    Type type = Type.signed(SHIFT_WIDTH);
    Value amount = Value.mux(shift.gt(Value.constant(MAX_LEFT_SHIFT, type)), Value.constant(MAX_LEFT_SHIFT, type),
        Value.mux(shift.gt(Value.constant(0, type)), shift, Value.constant(0, type)));
    return b.wire(p + "left_shift", amount.slice(SHIFT_AMOUNT_WIDTH - 1, 0));
  }

  /** max(-shift, 0), at most 31 (shift saturated to -31..30). */
  private static Value rightShiftOf(ModuleBuilder b, String p, Value shift) {
    Type type = Type.signed(SHIFT_WIDTH);
    // -shift is only used for shift in -31..-1, where it fits.
    Value negated = Value.constant(0, type).sub(shift, SHIFT_WIDTH);
    Value amount = Value.mux(shift.lt(Value.constant(-MAX_RIGHT_SHIFT, type)), Value.constant(MAX_RIGHT_SHIFT, type),
        Value.mux(shift.lt(Value.constant(0, type)), negated, Value.constant(0, type)));
    return b.wire(p + "right_shift", amount.slice(SHIFT_AMOUNT_WIDTH - 1, 0));
  }

  /**
   * gemmlowp's {@code (a * b + nudge) / 2^31} with C's truncating division equals
   * {@code floor((a * b + 2^30) / 2^31)} for both signs (for a negative product the nudge
   * {@code 1 - 2^30} plus the {@code 2^31 - 1} that turns truncation into a floor is
   * {@code 2^30}), which is product bits 63..31 plus bit 30. The only result outside int32 is 2^31,
   * from {@code a == b == INT32_MIN}; it shows as sum bits 32..31 = 01 and saturates to INT32_MAX.
   */
  private static Value doublingHighMul(ModuleBuilder b, String p, Value product) {
    int width = WORD + 1;
    b.wire(p + "product_low_unused", product.slice(WORD - 3, 0));
    Value rounded = b.wire(p + "product_rounded",
        product.slice(2 * WORD - 1, WORD - 1).asSigned().add(product.bit(WORD - 2).zext(width), width));
    Value overflow = b.wire(p + "high_overflow", rounded.bit(WORD - 1).and(rounded.bit(WORD).not()));
    Value max = Value.constant(Integer.MAX_VALUE, Type.signed(WORD));
    return Value.mux(overflow, max, rounded.slice(WORD - 1, 0).asSigned());
  }

  /** {@code x >> amount} with copies of the sign entering at the top. */
  private static Value arithmeticShiftRight(ModuleBuilder b, String p, Value x, Value amount) {
    Value signs = Value.mux(x.bit(WORD - 1), Bits.constant(0xFFFFFFFFL, WORD), Bits.constant(0, WORD));
    Value extended = b.wire(p + "high_extended", Value.concat(signs, x));
    return extended.shr(amount).slice(WORD - 1, 0).asSigned();
  }

  /**
   * gemmlowp's RoundingDivideByPOT rounding: mask = 2^amount - 1, remainder = x & mask, threshold =
   * (mask >> 1) + (x < 0), round up when remainder > threshold (ties away from zero).
   */
  private static Value roundsUp(ModuleBuilder b, String p, Value x, Value amount) {
    Value allOnes = Bits.constant(0xFFFFFFFFL, WORD);
    Value mask = b.wire(p + "round_mask", allOnes.shl(amount).not());
    Value remainder = b.wire(p + "remainder", x.asUnsigned().and(mask));
    Value threshold = b.wire(p + "threshold", mask.shr(1).add(x.bit(WORD - 1).zext(WORD), WORD));
    return remainder.gt(threshold);
  }

  /** Stage 10: int32 lanes, or each lane clamped to -128..127 and packed as byte k. */
  private static Value pack(ModuleBuilder b, List<Value> results, Value outInt8) {
    int lanes = results.size();
    List<Value> words = new ArrayList<>();
    List<Value> bytes = new ArrayList<>();
    Type word = Type.signed(WORD);
    for (int k = lanes - 1; k >= 0; k--) {
      Value v = results.get(k);
      words.add(v);
      Value low = Value.constant(-128, word);
      Value high = Value.constant(127, word);
      Value saturated = Value.mux(v.lt(low), low, Value.mux(v.gt(high), high, v));
      bytes.add(b.wire("lane" + k + "_int8", saturated.slice(7, 0)));
    }
    Value int32Row = b.wire("int32_row", Value.concat(words.toArray(Value[]::new)));
    Value int8Row = b.wire("int8_row", Value.concat(bytes.toArray(Value[]::new)).zext(lanes * WORD));
    return Value.mux(outInt8, int8Row, int32Row);
  }

  /** valid_s1_q ... valid_s10_q: which stages hold a row; reset to empty. */
  private static List<Reg> validChain(ModuleBuilder b, Value accept) {
    List<Reg> valid = new ArrayList<>();
    Value previous = accept;
    for (int s = 1; s <= PIPELINE_STAGES; s++) {
      Reg stage = b.reg("valid_s" + s + "_q", Type.BIT).resetTo(0);
      stage.next(previous);
      valid.add(stage);
      previous = stage;
    }
    return valid;
  }

  /** {@code <name>_s1_q} (loaded when a row is accepted) to {@code <name>_s<stages>_q}. */
  private static List<Reg> chain(ModuleBuilder b, String name, Value input, Value accept, int stages) {
    List<Reg> chain = new ArrayList<>();
    Reg first = b.reg(name + "_s1_q", input.type()).enable(accept);
    first.next(input);
    chain.add(first);
    for (int s = 2; s <= stages; s++) {
      Reg stage = b.reg(name + "_s" + s + "_q", input.type());
      stage.next(chain.get(s - 2));
      chain.add(stage);
    }
    return chain;
  }

  /** Rows accepted and not yet taken; {@code in_ready} while below the FIFO's depth. */
  private static Value occupancy(ModuleBuilder b, Value accept, Value pop) {
    int width = Bits.bitsFor(CAPACITY);
    Reg inFlight = b.reg("in_flight_q", Type.unsigned(width)).resetTo(0);
    Value added = inFlight.add(accept.zext(width), width);
    inFlight.next(added.sub(pop.zext(width), width));
    return b.wire("has_room", inFlight.lt(Bits.constant(CAPACITY, width)));
  }

  private static void outputFifo(ModuleBuilder b, Config config, Value push, Value row, Value outReady,
      Net outValid, Net outData) {
    Module fifo = Fifo.build(new Fifo.Config(config.lanes() * WORD, CAPACITY, config.reset()));
    b.instance("u_out_fifo", fifo)
        .connect("clk", b.clock())
        .connect(config.reset().defaultPortName(), b.reset())
        .connect("in_valid", push)
        .connect("in_data", row)
        .connect("out_valid", outValid)
        .connect("out_ready", outReady)
        .connect("out_data", outData);
  }

  private static Value laneOf(Value row, int k, int width) {
    return row.slice(k * width + width - 1, k * width).asSigned();
  }
}
