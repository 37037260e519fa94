package dev.serrano.hdl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serrano.hdl.ir.Expr;
import dev.serrano.hdl.ir.IrPrinter;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Builder-side arguments: what is wrong before any design exists fails at once, with the allowed range. */
class ValueTest {
  private final ModuleBuilder b = new ModuleBuilder("m", ValueTest.class);

  @Test
  void constantsOutsideTheirTypeAreRejectedWithTheRange() {
    assertEquals("constant 128 does not fit s8 (allowed -128 to 127)",
        assertThrows(IllegalArgumentException.class, () -> Value.constant(128, Type.signed(8))).getMessage());
    assertEquals("constant -1 does not fit u4 (allowed 0 to 15)",
        assertThrows(IllegalArgumentException.class, () -> Value.constant(-1, Type.unsigned(4))).getMessage());
  }

  @Test
  void negativeConstantsStoreTheirTwosComplementBits() {
    Expr.Const c = (Expr.Const) Value.constant(-3, Type.signed(8)).expr();
    assertEquals(BigInteger.valueOf(253), c.bits());
    assertEquals(BigInteger.valueOf(-3), c.value());
  }

  @Test
  void slicesAndShiftsOutOfRangeAreRejected() {
    Signal a = b.input("a", Type.unsigned(8));
    assertEquals("slice [8:0] out of range for a 8-bit value (allowed 7 >= msb >= lsb >= 0)",
        assertThrows(IllegalArgumentException.class, () -> a.slice(8, 0)).getMessage());
    assertEquals("shift amount 8 out of range 0..7 for a u8 value",
        assertThrows(IllegalArgumentException.class, () -> a.shl(8)).getMessage());
  }

  @Test
  void arithmeticExtendsEachOperandByItsOwnSignedness() {
    Signal s = b.input("s", Type.signed(4));
    Signal u = b.input("u", Type.unsigned(4));
    assertEquals("(ADD (RESIZE s):s8 (RESIZE u):u8):u8", IrPrinter.expr(s.add(u, 8).expr()));
    assertEquals("(MUL (RESIZE s):s8 (RESIZE s):s8):s8", IrPrinter.expr(s.mul(s, 8).expr()));
  }

  @Test
  void clockAndResetMustBeDeclaredBeforeUse() {
    assertEquals("m: no clock declared; call clockAndReset or clockOnly first",
        assertThrows(IllegalStateException.class, b::clock).getMessage());
    b.clockOnly();
    assertEquals("m: no reset declared; call clockAndReset first",
        assertThrows(IllegalStateException.class, b::reset).getMessage());
  }
}
