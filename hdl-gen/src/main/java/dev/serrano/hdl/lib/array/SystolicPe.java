package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;

/**
 * One processing element of {@link PeArray}: a multiplier, an adder and the registers of its
 * dataflows. Every register advances only while {@code en} is high.
 *
 * <p>West to east travel the activation {@code a} and its control: {@code valid}, in WS the
 * weight buffer {@code sel}, in OS {@code first} (start a new sum) and {@code last} (the sum is
 * complete). North to south travel {@code b} (WS: the weight load chain, shifted by
 * {@code w_shift}; OS: the second operand, every cycle), in WS the partial sum {@code psum}, and in
 * OS the result chain {@code res}, shifted by {@code drain}. Outputs are registered at the east or
 * south edge of a tile and pass through combinationally inside one; the weight load chain and
 * the result chain are registered in every PE.
 *
 * <p>With {@code valid} high: WS computes {@code psum_out = psum_in + a * w[sel]}; OS computes
 * {@code acc = (first ? 0 : acc) + a * b} and, with {@code last}, copies the new sum into the
 * result chain. {@code w_commit} copies the load chain into weight buffer {@code w_commit_buf}.
 * Sums wrap or saturate at the accumulator width.
 */
public final class SystolicPe {
  private SystolicPe() {}

  public static String moduleName(ArrayConfig config, boolean registerEast, boolean registerSouth) {
    return "pe_" + config.typeName() + (registerEast ? "" : "_ce") + (registerSouth ? "" : "_cs")
        + config.suffix();
  }

  public static Module build(ArrayConfig config, boolean registerEast, boolean registerSouth) {
    Dataflow df = config.dataflow();
    Type aType = config.input().type();
    Type bType = config.weight().type();
    Type accType = config.accType();
    ModuleBuilder b = new ModuleBuilder(moduleName(config, registerEast, registerSouth), SystolicPe.class)
        .describe("systolic PE, " + df.shortName() + " dataflow, " + config.input() + " x " + config.weight()
            + " into " + config.accWidth() + (config.saturate() ? " saturating" : " wrapping") + " bits")
        .parameter("dataflow", df.shortName())
        .parameter("input", config.input())
        .parameter("weight", config.weight())
        .parameter("accWidth", config.accWidth())
        .parameter("saturate", config.saturate())
        .parameter("registerEast", registerEast)
        .parameter("registerSouth", registerSouth);
    // Only the valid bit is reset, and only where it is registered.
    if (registerEast) {
      b.clockAndReset(config.reset());
    } else {
      b.clockOnly();
    }
    b.group("control, broadcast");
    Signal en = b.input("en", Type.BIT);
    Signal modeOs = df == Dataflow.BOTH ? b.input("mode_os", Type.BIT) : null;
    Signal wShift = df.supportsWs() ? b.input("w_shift", Type.BIT) : null;
    Signal wCommit = df.supportsWs() ? b.input("w_commit", Type.BIT) : null;
    Signal wCommitBuf = df.supportsWs() ? b.input("w_commit_buf", Type.BIT) : null;
    Signal drain = df.supportsOs() ? b.input("drain", Type.BIT) : null;

    b.group("west to east");
    Signal aIn = b.input("a_in", aType);
    Signal validIn = b.input("valid_in", Type.BIT);
    Signal selIn = df.supportsWs() ? b.input("sel_in", Type.BIT) : null;
    Signal firstIn = df.supportsOs() ? b.input("first_in", Type.BIT) : null;
    Signal lastIn = df.supportsOs() ? b.input("last_in", Type.BIT) : null;
    Net aOut = b.output("a_out", aType);
    Net validOut = b.output("valid_out", Type.BIT);
    Net selOut = df.supportsWs() ? b.output("sel_out", Type.BIT) : null;
    Net firstOut = df.supportsOs() ? b.output("first_out", Type.BIT) : null;
    Net lastOut = df.supportsOs() ? b.output("last_out", Type.BIT) : null;

    b.group("north to south");
    Signal bIn = b.input("b_in", bType);
    Net bOut = b.output("b_out", bType);
    Signal psumIn = df.supportsWs() ? b.input("psum_in", accType) : null;
    Net psumOut = df.supportsWs() ? b.output("psum_out", accType) : null;
    Signal resIn = df.supportsOs() ? b.input("res_in", accType) : null;
    Net resOut = df.supportsOs() ? b.output("res_out", accType) : null;

    // East-going values: registered at a tile's east edge, passed through inside a tile.
    eastward(b, registerEast, "a", aIn, aOut, en, false);
    eastward(b, registerEast, "valid", validIn, validOut, en, true);
    if (selIn != null) {
      eastward(b, registerEast, "sel", selIn, selOut, en, false);
    }
    if (firstIn != null) {
      eastward(b, registerEast, "first", firstIn, firstOut, en, false);
      eastward(b, registerEast, "last", lastIn, lastOut, en, false);
    }

    // The b register: the WS load chain in every PE; the OS operand path at tile south edges.
    Value operand = bIn;
    Reg bQ = null;
    if (df.supportsWs() || registerSouth) {
      bQ = b.reg("b_q", bType);
      Value shiftB = switch (df) {
        case WS -> en.and(wShift);
        case OS -> en;
        case BOTH -> en.and(modeOs.or(wShift));
      };
      bQ.enable(shiftB).next(bIn);
      Value passB = df == Dataflow.WS || registerSouth ? bQ : Value.mux(modeOs, bIn, bQ);
      bOut.assign(passB);
    } else {
      bOut.assign(bIn);
    }

    Value weight = null;
    if (df.supportsWs()) {
      Reg w0 = b.reg("w0_q", bType);
      Reg w1 = b.reg("w1_q", bType);
      w0.enable(en.and(wCommit).and(wCommitBuf.not())).next(bQ);
      w1.enable(en.and(wCommit).and(wCommitBuf)).next(bQ);
      weight = b.wire("weight", Value.mux(selIn, w1, w0));
      operand = df == Dataflow.WS ? weight : Value.mux(modeOs, bIn, weight);
    }
    Value product = b.wire("product", config.input().type().signed() == config.weight().type().signed()
        ? aIn.mul(operand, config.productType().width())
        : aIn.mul(operand, config.productType().width()).asSigned());

    Reg accQ = df.supportsOs() || registerSouth ? b.reg("acc_q", accType) : null;
    Value zero = Value.constant(0, accType);
    Value addend = switch (df) {
      case WS -> psumIn;
      case OS -> Value.mux(firstIn, zero, accQ);
      case BOTH -> Value.mux(modeOs, Value.mux(firstIn, zero, accQ), psumIn);
    };
    Value sum = Accumulate.add(b, addend, product, config);
    if (accQ != null) {
      accQ.enable(en.and(validIn)).next(sum);
    }
    if (psumOut != null) {
      psumOut.assign(registerSouth ? accQ : sum);
    }
    if (resOut != null) {
      Reg resQ = b.reg("res_q", accType);
      Value capture = validIn.and(lastIn);
      if (modeOs != null) {
        capture = capture.and(modeOs);
      }
      resQ.enable(en.and(capture.or(drain))).next(Value.mux(capture, sum, resIn));
      resOut.assign(resQ);
    }
    return b.build();
  }

  private static void eastward(ModuleBuilder b, boolean registered, String name, Signal in, Net out, Signal en,
      boolean reset) {
    if (!registered) {
      out.assign(in);
      return;
    }
    Reg q = b.reg(name + "_q", in.type()).enable(en);
    if (reset) {
      q.resetTo(0);
    }
    q.next(in);
    out.assign(q);
  }
}
