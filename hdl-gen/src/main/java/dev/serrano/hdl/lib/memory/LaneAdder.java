package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Lane-wise signed addition of two rows, wrapping or saturating at the lane width. */
final class LaneAdder {
  private LaneAdder() {}

  /**
   * {@code stored + addend}, lane k at bits [k * width +: width] of each, in wires
   * {@code <name>_lane<k>}; saturation computes each exact sum one bit wider and clamps it to the
   * lane's signed range.
   */
  static Value add(ModuleBuilder b, String name, Value stored, Value addend, BankedMemory.Lanes lanes) {
    int width = lanes.width();
    Type lane = Type.signed(width);
    BigInteger max = BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE);
    Value most = Value.constant(max, lane);
    Value least = Value.constant(max.negate().subtract(BigInteger.ONE), lane);
    List<Value> msbFirst = new ArrayList<>();
    for (int k = lanes.count() - 1; k >= 0; k--) {
      Value a = stored.slice((k + 1) * width - 1, k * width).asSigned();
      Value d = addend.slice((k + 1) * width - 1, k * width).asSigned();
      Value sum;
      if (lanes.saturate()) {
        Value wide = b.wire(name + "_wide" + k, a.add(d, width + 1));
        // The exact sum overflowed when its two top bits differ; the top bit tells the direction.
        Value overflow = wide.bit(width).xor(wide.bit(width - 1));
        Value limit = Value.mux(wide.bit(width), least, most);
        sum = Value.mux(overflow, limit, wide.slice(width - 1, 0).asSigned());
      } else {
        sum = a.add(d, width);
      }
      msbFirst.add(b.wire(name + "_lane" + k, sum.asUnsigned()));
    }
    return Value.concat(msbFirst.toArray(Value[]::new));
  }
}
