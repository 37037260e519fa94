package dev.serrano.hdl.lib.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.csr.RegisterMap.EnumValue;
import dev.serrano.hdl.lib.csr.RegisterMap.Field;
import dev.serrano.hdl.lib.csr.RegisterMap.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allocation of offsets and one negative test per validation rule of a register map. */
class RegisterMapTest {

  private static RegisterMap.Builder map() {
    return RegisterMap.builder("m", "test map");
  }

  private static void fails(RegisterMap.Builder builder, String text) {
    ConfigException e = assertThrows(ConfigException.class, builder::build);
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @Test
  void offsetsFollowDeclarationOrderUnlessGiven() {
    RegisterMap m = map().config("a", "a", Field.of("x", 3, 0, "x")).counter64("c", "c").at(0x20)
        .status("s", "s", Field.bit("b", 0, "b")).config("d", "d", Field.of("y", 31, 0, "y")).build();
    assertEquals(List.of("a", "c_lo", "c_hi", "s", "d"), m.registers().stream().map(RegisterMap.Register::name).toList());
    assertEquals(List.of(0L, 4L, 8L, 0x20L, 0x24L), m.registers().stream().map(RegisterMap.Register::offset).toList());
    assertEquals(Kind.COUNTER_LO, m.register("c_lo").orElseThrow().kind());
    assertEquals(0x28, m.size());
  }

  @Test
  void overlappingOffsets() {
    fails(map().config("a", "a", Field.bit("x", 0, "x")).at(0).status("b", "b", Field.bit("y", 0, "y")),
        "register b: offset 0x0 overlaps register a");
  }

  @Test
  void unalignedOffset() {
    fails(map().at(6).config("a", "a", Field.bit("x", 0, "x")), "offset 0x6 is not a non-negative multiple of 4");
  }

  @Test
  void fieldOutside32Bits() {
    fails(map().config("a", "a", Field.of("x", 32, 30, "x")), "register a, field x: bits 32:30 are outside");
    fails(map().config("a", "a", Field.of("x", 3, 4, "x")), "bits 3:4 are outside");
  }

  @Test
  void overlappingFields() {
    fails(map().config("a", "a", Field.of("x", 7, 0, "x"), Field.of("y", 8, 7, "y")), "field y: bits 8:7 overlap");
  }

  @Test
  void duplicateNames() {
    fails(map().config("a", "a", Field.bit("x", 0, "x")).status("a", "b", Field.bit("y", 0, "y")),
        "two registers are named a");
    fails(map().config("a", "a", Field.bit("x", 0, "x"), Field.bit("x", 1, "x")), "two fields are named x");
    fails(map().config("a", "a", Field.of("x", 1, 0, "x").withValues(new EnumValue("on", 1, ""),
        new EnumValue("on", 2, ""))), "enum value name \"on\" is not a unique");
  }

  @Test
  void valuesThatDoNotFit() {
    fails(map().config("a", "a", Field.of("x", 1, 0, "x").withReset(4)), "reset value 4 does not fit 2 bits");
    fails(map().config("a", "a", Field.bit("x", 0, "x").withValues(new EnumValue("big", 2, ""))),
        "enum value big = 2 does not fit 1 bits");
  }

  @Test
  void badNamesAndEmptyMaps() {
    fails(map().config("Ctrl", "a", Field.bit("x", 0, "x")), "must be a lower-case identifier");
    fails(map().config("a", "a"), "register a: a register needs at least one field");
    fails(map(), "register map m has no registers");
    fails(map().config("c", "c", Field.bit("x", 0, "x")).command("c", 4, "c", List.of(List.of())),
        "command c has the name of a register");
  }

  @Test
  void interruptEnableNeedsAFlagsRegister() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> map().config("a", "a", Field.bit("x", 0, "x")).interruptEnable("ie", "a", "ie"));
    assertTrue(e.getMessage().contains("a config register, not a flags register"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> map().interruptEnable("ie", "nothing", "ie"));
    assertTrue(e.getMessage().contains("not a flags register declared before it"), e.getMessage());
  }

  @Test
  void addressWidthMustReachTheMap() {
    RegisterMap m = map().at(0x100).config("a", "a", Field.bit("x", 0, "x")).build();
    ConfigException e = assertThrows(ConfigException.class,
        () -> CsrBlock.build(m, new CsrBlock.Config("blk", 8, dev.serrano.hdl.ir.ResetStyle.SYNC_ACTIVE_HIGH)));
    assertTrue(e.getMessage().contains("spans 260 bytes; addressWidth 8 reaches only 256"), e.getMessage());
  }
}
