package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;

/**
 * {@code pe_mac_<type>_a<accWidth>}: a multiply-accumulate processing element for systolic grids.
 *
 * <p>Ports: {@code clk}, the reset ({@code rst}, or {@code rst_n} when active low; synchronous
 * unless configured otherwise); {@code en}, {@code clear};
 * {@code a_in}, {@code b_in} (the element type); {@code a_out}, {@code b_out} (the element type);
 * {@code acc} ({@code accWidth} bits, signed when the element type is).
 *
 * <p>Behaviour at each rising clock edge with {@code en} high: {@code a_out <= a_in},
 * {@code b_out <= b_in}, and {@code acc <= (clear ? 0 : acc) + a_in * b_in}, where the product is
 * exact (2 x width bits, extended by the element signedness) and the sum wraps modulo
 * 2^accWidth. With {@code en} low everything holds. While reset is asserted (at an edge, or at once for an
 * asynchronous reset) {@code acc} becomes 0; {@code a_out} and {@code b_out} are data path and not reset. Latency: one cycle from
 * inputs to {@code a_out}, {@code b_out} and the updated {@code acc}. No combinational path from
 * any input to any output.
 */
public final class MacPe {
  /**
   * @param accWidth accumulator width, from twice the element width (the exact product) to 64
   * @param reset the reset style of the design
   */
  public record Config(ElementType type, int accWidth, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("accWidth", accWidth, 2L * type.width(), 64);
    }

    public Config(ElementType type, int accWidth) {
      this(type, accWidth, ResetStyle.SYNC_ACTIVE_HIGH);
    }

    public String moduleName() {
      return "pe_mac_" + type + "_a" + accWidth + Resets.nameSuffix(reset);
    }
  }

  private MacPe() {}

  public static Module build(Config config) {
    Type element = config.type().type();
    Type accType = new Type(config.accWidth(), element.signed());
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), MacPe.class)
        .describe("multiply-accumulate PE, " + config.type() + " operands, " + config.accWidth()
            + "-bit wrapping accumulator")
        .parameter("type", config.type())
        .parameter("accWidth", config.accWidth())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("control");
    Signal enable = b.input("en", Type.BIT);
    Signal clear = b.input("clear", Type.BIT);
    b.group("operands in, forwarded east (a) and south (b) one cycle later");
    Signal aIn = b.input("a_in", element);
    Signal bIn = b.input("b_in", element);
    var aOut = b.output("a_out", element);
    var bOut = b.output("b_out", element);
    b.group("accumulator");
    var accOut = b.output("acc", accType);

    Value product = b.wire("product", aIn.mul(bIn, 2 * element.width()));
    Reg aQ = b.reg("a_q", element).enable(enable);
    aQ.next(aIn);
    Reg bQ = b.reg("b_q", element).enable(enable);
    bQ.next(bIn);
    Reg accQ = b.reg("acc_q", accType).resetTo(0).enable(enable);
    Value base = Value.mux(clear, Value.constant(0, accType), accQ);
    accQ.next(base.add(product, config.accWidth()));
    aOut.assign(aQ);
    bOut.assign(bQ);
    accOut.assign(accQ);
    return b.build();
  }
}
