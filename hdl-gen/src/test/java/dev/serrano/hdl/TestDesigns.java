package dev.serrano.hdl;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;

/** Small designs shared by the emitter, pass and simulation tests. */
public final class TestDesigns {
  private TestDesigns() {}

  /** An 8-bit counter with enable, synchronous active-high reset. */
  public static Module counter() {
    ModuleBuilder b = new ModuleBuilder("counter_w8", TestDesigns.class)
        .describe("8-bit counter with enable")
        .parameter("width", 8);
    b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
    b.group("control");
    Signal enable = b.input("en", Type.BIT);
    b.group("count");
    var out = b.output("count", Type.unsigned(8));
    Reg count = b.reg("count_q", Type.unsigned(8)).resetTo(0).enable(enable);
    count.next(count.add(1));
    out.assign(count);
    return b.build();
  }

  /**
   * One output per operator kind, combinational, over a signed pair (sa, sb), an unsigned pair
   * (ua, ub) and a select; used by the golden test and by the Icarus semantics test.
   */
  public static Module operators() {
    ModuleBuilder b = new ModuleBuilder("operators", TestDesigns.class).describe("every operator once");
    Type s8 = Type.signed(8);
    Type u8 = Type.unsigned(8);
    b.group("operands");
    Signal sa = b.input("sa", s8);
    Signal sb = b.input("sb", s8);
    Signal ua = b.input("ua", u8);
    Signal ub = b.input("ub", u8);
    Signal sel = b.input("sel", Type.BIT);
    b.group("results");
    b.output("s_add", Type.signed(9)).assign(sa.add(sb, 9));
    b.output("s_sub", Type.signed(12)).assign(sa.sub(sb, 12));
    b.output("s_mul", Type.signed(16)).assign(sa.mul(sb, 16));
    b.output("u_mul", Type.unsigned(16)).assign(ua.mul(ub, 16));
    b.output("mixed_add", Type.unsigned(10)).assign(sa.add(ub, 10));
    b.output("wrap_add", Type.unsigned(8)).assign(ua.add(ub, 8));
    b.output("nested", Type.signed(16)).assign(sa.add(sb, 9).mul(sa, 16));
    b.output("bitwise", u8).assign(ua.and(ub).or(ua.xor(ub).not()));
    b.output("neg", s8).assign(sa.neg());
    b.output("cmp", Type.unsigned(6)).assign(Value.concat(
        sa.lt(sb), sa.ge(sb), ua.lt(ub), ua.eq(ub), ua.ne(ub), sa.gt(sb)));
    b.output("shifts", Type.unsigned(24)).assign(Value.concat(
        ua.shl(3), ua.shr(2), sa.ashr(3).asUnsigned()));
    b.output("mux", s8).assign(Value.mux(sel, sa, sb));
    b.output("slices", Type.unsigned(6)).assign(Value.concat(ua.slice(5, 2), sa.bit(7), ua.add(ub, 8).bit(0)));
    b.output("extend", Type.unsigned(24)).assign(Value.concat(sa.sext(12).asUnsigned(), sa.zext(12)));
    b.output("reduce", Type.unsigned(3)).assign(Value.concat(ua.reduceAnd(), ua.reduceOr(), ua.reduceXor()));
    b.output("casts", Type.unsigned(4)).assign(Value.concat(ua.asSigned().lt(ub.asSigned()),
        sa.asUnsigned().lt(sb.asUnsigned()), ua.asSigned().sext(9).bit(8), sa.mul(ub.asSigned(), 8).ge(sb)));
    b.output("reinterpreted_shift", s8).assign(ua.asSigned().ashr(2));
    b.output("consts", Type.signed(8)).assign(Value.constant(-128, s8).add(Value.constant(-3, s8), 8)
        .xor(Value.constant(127, s8)));
    // Long enough to be written one condition, or one operand, per line.
    Value chain = sb;
    for (int k = 6; k >= 0; k--) {
      chain = Value.mux(ua.bit(k), sa.add(Value.constant(k, s8), 8).asSigned().xor(sb), chain);
    }
    b.output("mux_chain", s8).assign(chain);
    Value terms = ua.eq(Value.constant(0, u8));
    for (int k = 1; k < 12; k++) {
      terms = terms.or(ua.eq(Value.constant(17 * k, u8)));
    }
    b.output("or_chain", Type.BIT).assign(terms);
    return b.build();
  }
}
