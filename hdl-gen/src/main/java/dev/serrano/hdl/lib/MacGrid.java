package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code mac_grid_<rows>x<cols>_<type>_a<accWidth>}: a rows x cols grid of {@link MacPe}s. Row r's
 * operand enters at the west edge from {@code a_in[r]} and moves east one PE per enabled cycle;
 * column c's operand enters at the north edge from {@code b_in[c]} and moves south. {@code en} and
 * {@code clear} reach every PE in the same cycle (no skew: feeding skewed operands is the
 * caller's job here).
 *
 * <p>Ports: {@code clk}, the reset (as {@link MacPe}), {@code en}, {@code clear}; {@code a_in} (rows x width bits,
 * row r in bits [r*width +: width]); {@code b_in} (cols x width bits, column c likewise);
 * {@code acc} (rows x cols x accWidth bits, PE (r, c) in bits [(r*cols + c)*accWidth +: accWidth]).
 * PE (r, c) sees at cycle t the a operand that entered row r at cycle t - c and the b operand that
 * entered column c at cycle t - r, and behaves as {@link MacPe} describes.
 */
public final class MacGrid {
  /** @param rows 1 to 128 @param cols 1 to 128 */
  public record Config(int rows, int cols, MacPe.Config pe) {
    public Config {
      ConfigException.requireRange("rows", rows, 1, 128);
      ConfigException.requireRange("cols", cols, 1, 128);
    }

    public String moduleName() {
      return "mac_grid_" + rows + "x" + cols + "_" + pe.type() + "_a" + pe.accWidth()
          + Resets.nameSuffix(pe.reset());
    }
  }

  private MacGrid() {}

  public static Module build(Config config) {
    Module pe = MacPe.build(config.pe());
    int width = config.pe().type().width();
    int accWidth = config.pe().accWidth();
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), MacGrid.class)
        .describe(config.rows() + " x " + config.cols() + " grid of " + pe.name())
        .parameter("rows", config.rows())
        .parameter("cols", config.cols())
        .parameter("type", config.pe().type())
        .parameter("accWidth", accWidth)
        .parameter("reset", Resets.parameterValue(config.pe().reset()));
    b.clockAndReset(config.pe().reset());
    b.group("control, broadcast to every PE");
    Signal enable = b.input("en", Type.BIT);
    Signal clear = b.input("clear", Type.BIT);
    b.group("operands: one per row from the west, one per column from the north");
    Signal aIn = b.input("a_in", Type.unsigned(config.rows() * width));
    Signal bIn = b.input("b_in", Type.unsigned(config.cols() * width));
    b.group("accumulators, PE (r, c) at index r * cols + c");
    Net acc = b.output("acc", Type.unsigned(config.rows() * config.cols() * accWidth));

    Type element = config.pe().type().type();
    List<Value> accumulators = new ArrayList<>();
    Value[] north = new Value[config.cols()];
    for (int c = 0; c < config.cols(); c++) {
      north[c] = bIn.slice(c * width + width - 1, c * width);
    }
    for (int r = 0; r < config.rows(); r++) {
      Value west = aIn.slice(r * width + width - 1, r * width);
      for (int c = 0; c < config.cols(); c++) {
        String at = "r" + r + "_c" + c;
        InstanceBuilder u = b.instance("u_pe_" + at, pe)
            .connect("clk", b.clock())
            .connect(config.pe().reset().defaultPortName(), b.reset())
            .connect("en", enable)
            .connect("clear", clear)
            .connect("a_in", west)
            .connect("b_in", north[c]);
        if (c + 1 < config.cols()) {
          Net east = b.wire("a_" + "r" + r + "_c" + (c + 1), element);
          u.connect("a_out", east);
          west = east;
        }
        if (r + 1 < config.rows()) {
          Net south = b.wire("b_" + "r" + (r + 1) + "_c" + c, element);
          u.connect("b_out", south);
          north[c] = south;
        }
        Net result = b.wire("acc_" + at, new Type(accWidth, element.signed()));
        u.connect("acc", result);
        accumulators.add(result);
      }
    }
    Collections.reverse(accumulators);
    acc.assign(Value.concat(accumulators.toArray(Value[]::new)));
    return b.build();
  }
}
