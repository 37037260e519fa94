package dev.serrano.hdl.checks;

import static dev.serrano.hdl.SourceLines.here;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.TestDesigns;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One negative test per rule: the exact message, with the signal path and the builder call's file:line. */
class ChecksTest {
  private static final String FILE = "ChecksTest.java:";
  private static final Type U8 = Type.unsigned(8);
  private static final Type S8 = Type.signed(8);

  private static List<String> findings(Module module) {
    return Checks.run(Design.of(module)).stream().map(Finding::toString).toList();
  }

  private static ModuleBuilder module(String name) {
    return new ModuleBuilder(name, ChecksTest.class);
  }

  @Test
  void cleanDesignsHaveNoFindings() {
    assertEquals(List.of(), findings(TestDesigns.counter()));
    assertEquals(List.of(), findings(TestDesigns.operators()));
  }

  @Test
  void widthMismatchOfAnAssignment() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", Type.unsigned(9));
    Net y = b.output("y", U8); y.assign(a); int line = here();
    assertEquals(List.of("[width] m.y: assigned value is 9 bits but y takes 8 (use slice to truncate) (at "
        + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void widthMismatchOfARegisterNextState() {
    ModuleBuilder b = module("m");
    b.clockOnly();
    Signal a = b.input("a", Type.unsigned(4));
    Reg r = b.reg("r_q", U8); int line = here();
    r.next(a);
    b.output("y", U8).assign(r);
    assertEquals(List.of("[width] m.r_q: next state is 4 bits but r_q takes 8 (use zext or sext to extend) (at "
        + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void widthMismatchInsideAnExpression() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", U8);
    Signal c = b.input("c", Type.unsigned(4));
    b.output("y", U8).assign(a.and(c)); int line = here();
    assertEquals(List.of("[width] m.y: assigned value: AND of a 8-bit and a 4-bit value in (AND a c):u8 (at "
        + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void arithmeticNarrowerThanItsOperandsIsReported() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", Type.unsigned(16));
    b.output("y", U8).assign(a.add(a, 8)); int line = here();
    assertEquals(List.of("[width] m.y: assigned value: ADD operand of 16 bits is wider than its 8-bit result in "
        + "(ADD a a):u8 (at " + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void signedWithUnsignedComparisonIsReported() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", S8);
    Signal c = b.input("c", U8);
    b.output("y", Type.BIT).assign(a.lt(c)); int line = here();
    assertEquals(List.of("[width] m.y: assigned value: LT compares a signed with an unsigned value in (LT a c):u1 "
        + "(use asSigned or asUnsigned) (at " + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void arithmeticShiftOfUnsignedAndWideMuxSelectAreReported() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", U8);
    Signal s = b.input("s", Type.unsigned(2));
    b.output("y", U8).assign(a.ashr(1)); int line1 = here();
    b.output("z", U8).assign(Value.mux(s, a, a)); int line2 = here();
    assertEquals(List.of(
        "[width] m.y: assigned value: arithmetic shift of an unsigned value in (ASHR a 1:u3):u8 (use shr or asSigned) (at "
            + FILE + line1 + ")",
        "[width] m.z: assigned value: mux select is 2 bits, not 1, in (MUX s a a):u8 (at " + FILE + line2 + ")"),
        findings(b.build()));
  }

  @Test
  void extensionThatWouldTruncateIsReported() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", Type.unsigned(12));
    b.output("y", U8).assign(a.zext(8)); int line = here();
    assertEquals(List.of("[width] m.y: assigned value: extension to 8 bits of a 12-bit value would truncate it "
        + "(use slice) in (RESIZE a):u8 (at " + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void undrivenOutputAndWire() {
    ModuleBuilder b = module("m");
    b.output("y", U8); int line1 = here();
    Net w = b.wire("w", U8); int line2 = here();
    b.output("z", U8).assign(w);
    assertEquals(List.of(
        "[driver] m.y: output port y is never driven (call assign or connect an instance output) (at " + FILE + line1 + ")",
        "[driver] m.w: wire w is never driven (call assign or connect an instance output) (at " + FILE + line2 + ")"),
        findings(b.build()));
  }

  @Test
  void multipleDriversListEveryDriver() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", U8);
    Net y = b.output("y", U8);
    y.assign(a); int line1 = here();
    y.assign(a.not()); int line2 = here();
    assertEquals(List.of("[driver] m.y: output port y has 2 drivers, at " + FILE + line1 + ", " + FILE + line2
        + " (at " + FILE + line2 + ")"), findings(b.build()));
  }

  @Test
  void registerWithTwoNextStatesHasTwoDrivers() {
    ModuleBuilder b = module("m");
    b.clockOnly();
    Signal a = b.input("a", U8);
    Reg r = b.reg("r_q", U8); int line1 = here();
    r.next(a);
    r.next(a.not()); int line2 = here();
    b.output("y", U8).assign(r);
    assertEquals(List.of("[driver] m.r_q: register r_q has 2 drivers, at " + FILE + line1 + ", " + FILE + line2
        + " (at " + FILE + line2 + ")"), findings(b.build()));
  }

  @Test
  void unconnectedInstanceInput() {
    ModuleBuilder b = module("parent");
    Net y = b.output("y", U8);
    b.instance("u_child", childBuffer()).connect("o", y); int line = here();
    assertEquals(List.of("[driver] parent.u_child.i: input i of child is not connected (at " + FILE + line + ")"),
        findings(b.build()));
  }

  @Test
  void inputPortCannotBeDriven() {
    ModuleBuilder d = module("d");
    Signal i = d.input("i", U8);
    Signal j = d.input("j", U8);
    d.output("o", U8).assign(i);
    d.instance("u_child", childBuffer()).connect("i", j).connect("o", i); int line = here();
    assertEquals(List.of("[driver] d.i: output u_child.o drives input port i, which cannot be driven here (at "
        + FILE + line + ")"), findings(d.build()));
  }

  @Test
  void memoryWithTwoWritePorts() {
    ModuleBuilder b = module("m");
    b.clockOnly();
    Signal en = b.input("en", Type.BIT);
    Signal addr = b.input("addr", Type.unsigned(2));
    Signal data = b.input("data", U8);
    var mem = b.memory("ram", U8, 4);
    mem.write(en, addr, data);
    mem.write(en, addr, data.not()); int line = here();
    b.output("q", U8).assign(mem.read("q_q", en, addr));
    assertEquals(List.of("[driver] m.ram: memory ram has 2 write ports; block RAM inference allows one "
        + "(split it into banks) (at " + FILE + line + ")"), findings(b.build()));
  }

  @Test
  void instanceOutputMustConnectToANet() {
    Module child = childBuffer();
    ModuleBuilder b = module("parent");
    Signal a = b.input("a", U8);
    b.output("y", U8).assign(a);
    InstanceBuilder u = b.instance("u_child", child).connect("i", a).connect("o", a.not()); int line = here();
    assertEquals(List.of("[driver] parent.u_child.o: output o must connect to a wire or output port, not to an "
        + "expression (at " + FILE + line + ")"), findings(b.build()));
    assertEquals("u_child", u.name());
  }

  @Test
  void combinationalLoopListsEveryHop() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", U8);
    Net x = b.wire("x", U8);
    Net y = b.wire("y", U8);
    x.assign(y.xor(a)); int line1 = here();
    y.assign(x.not()); int line2 = here();
    b.output("z", U8).assign(y);
    assertEquals(List.of("[loop] m.x: combinational loop: x (" + FILE + line1 + ") reads y (" + FILE + line2
        + ") reads x (at " + FILE + line1 + ")"), findings(b.build()));
  }

  @Test
  void combinationalLoopThroughAnInstance() {
    Module child = childBuffer();
    ModuleBuilder b = module("parent");
    Signal a = b.input("a", U8);
    Net back = b.wire("back", U8);
    Net sum = b.wire("sum", U8);
    sum.assign(back.xor(a)); int line1 = here();
    b.instance("u_child", child).connect("i", sum).connect("o", back); int line2 = here();
    b.output("y", U8).assign(back);
    assertEquals(List.of("[loop] parent.sum: combinational loop: sum (" + FILE + line1 + ") reads back (" + FILE
        + line2 + ") reads u_child.o (" + FILE + line2 + ") reads u_child.i (" + FILE + line2 + ") reads sum (at "
        + FILE + line1 + ")"), findings(b.build()));
  }

  @Test
  void registersBreakLoops() {
    ModuleBuilder b = module("m");
    b.clockOnly();
    Reg r = b.reg("r_q", U8);
    Net n = b.wire("n", U8);
    n.assign(r.add(1));
    r.next(n);
    b.output("y", U8).assign(r);
    assertEquals(List.of(), findings(b.build()));
  }

  @Test
  void badNamesKeywordsAndClashes() {
    ModuleBuilder b = module("m");
    Signal a = b.input("reg", U8); int line1 = here();
    Signal c = b.input("9lives", U8); int line2 = here();
    Net y = b.output("y", U8);
    Net clash = b.wire("y", U8); int line3 = here();
    y.assign(a.xor(c));
    clash.assign(a);
    List<String> all = findings(b.build());
    assertEquals(List.of(
        "[name] m.reg: input port \"reg\" is a Verilog keyword (at " + FILE + line1 + ")",
        "[name] m.9lives: input port \"9lives\" is not a Verilog identifier (letters, digits, _; not starting with a"
            + " digit) (at " + FILE + line2 + ")",
        "[name] m.y: wire y clashes with output port y declared at " + FILE + (line3 - 1) + " (at " + FILE + line3 + ")"),
        all.stream().filter(f -> f.startsWith("[name]")).toList());
  }

  @Test
  void referenceToAnUndeclaredSignalAndUnknownPort() {
    ModuleBuilder other = module("other");
    Signal ghost = other.input("ghost", U8);
    ModuleBuilder b = module("m");
    b.output("y", U8).assign(ghost); int line1 = here();
    Module child = childBuffer();
    b.instance("u_child", child).connect("i", ghost).connect("nope", ghost); int line2 = here();
    List<String> names = findings(b.build()).stream().filter(f -> f.startsWith("[name]")).toList();
    assertEquals(List.of(
        "[name] m.y: assigned value reads ghost, which is not declared in m (at " + FILE + line1 + ")",
        "[name] m.u_child.i: input connection reads ghost, which is not declared in m (at " + FILE + line2 + ")",
        "[name] m.u_child.nope: module child has no port named nope (at " + FILE + line2 + ")"),
        names);
  }

  @Test
  void twoDifferentModulesWithOneName() {
    Module first = childBuffer();
    ModuleBuilder other = new ModuleBuilder("child", ChecksTest.class); int line = here();
    Signal i = other.input("i", U8);
    other.output("o", U8).assign(i.not());
    Module second = other.build();
    ModuleBuilder top = module("top");
    Signal a = top.input("a", U8);
    Net x = top.wire("x", U8);
    top.instance("u_a", first).connect("i", a).connect("o", x);
    top.instance("u_b", second).connect("i", x).connect("o", top.output("y", U8));
    List<String> names = findings(top.build()).stream().filter(f -> f.startsWith("[name]")).toList();
    assertEquals(List.of("[name] child: two different modules are named child (the other was built at "
        + first.source() + "); encode the differing parameters in the name (at " + FILE + line + ")"), names);
  }

  @Test
  void identicalModulesBuiltTwiceAreKeptOnce() {
    ModuleBuilder top = module("top");
    Signal a = top.input("a", U8);
    Net x = top.wire("x", U8);
    top.instance("u_a", childBuffer()).connect("i", a).connect("o", x);
    top.instance("u_b", childBuffer()).connect("i", x).connect("o", top.output("y", U8));
    Design design = Design.of(top.build());
    assertEquals(List.of("child", "top"), design.modules().stream().map(Module::name).toList());
    assertEquals(List.of(), Checks.run(design));
  }

  @Test
  void registerWithoutClockAndResetValueWithoutReset() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", U8);
    Reg r = b.reg("r_q", U8); int line = here();
    r.next(a);
    b.output("y", U8).assign(r);
    assertEquals(List.of("[clock] m.r_q: register r_q has no clock: declare one with clockAndReset(...) or "
        + "clockOnly() on the module builder (at " + FILE + line + ")"), findings(b.build()));

    ModuleBuilder c = module("n");
    c.clockOnly();
    Signal d = c.input("d", U8);
    Reg q = c.reg("q_q", U8).resetTo(0); int line2 = here();
    q.next(d);
    c.output("y", U8).assign(q);
    assertEquals(List.of("[clock] n.q_q: register q_q has a reset value but the module has no reset (at "
        + FILE + line2 + ")"), findings(c.build()));
  }

  @Test
  void unusedInputAndUnreadBits() {
    ModuleBuilder b = module("m");
    Signal a = b.input("a", Type.unsigned(16));
    b.input("spare", U8); int line1 = here();
    b.input("unused_spare", U8);
    b.output("y", U8).assign(a.slice(11, 4));
    assertEquals(List.of(
        "[unused] m.a: bits [15:12], [3:0] of input port a are never read (at " + FILE + (line1 - 1) + ")",
        "[unused] m.spare: input port spare is never read (use it, or name it unused_*) (at " + FILE + line1 + ")"),
        findings(b.build()));
  }

  @Test
  void verifyFailsOnceWithEveryFinding() {
    ModuleBuilder b = module("m");
    b.output("y", U8);
    b.output("z", U8);
    CheckFailedException e = assertThrows(CheckFailedException.class, () -> Checks.verify(Design.of(b.build())));
    assertEquals(2, e.findings().size());
    assertTrue(e.getMessage().startsWith("2 problems in the design:\n  [driver] m.y: "), e.getMessage());
  }

  private static Module childBuffer() {
    ModuleBuilder c = module("child");
    Signal i = c.input("i", U8);
    c.output("o", U8).assign(i);
    return c.build();
  }
}
