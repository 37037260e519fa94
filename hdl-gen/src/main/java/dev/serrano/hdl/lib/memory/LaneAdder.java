package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.lib.SaturatingAdd;
import java.util.ArrayList;
import java.util.List;

/** Lane-wise signed addition of two rows, wrapping or saturating at the lane width. */
final class LaneAdder {
  private LaneAdder() {}

  /**
   * {@code stored + addend}, lane k at bits [k * width +: width] of each, in wires
   * {@code <name>_lane<k>}.
   */
  static Value add(ModuleBuilder b, String name, Value stored, Value addend, BankedMemory.Lanes lanes) {
    int width = lanes.width();
    List<Value> msbFirst = new ArrayList<>();
    for (int k = lanes.count() - 1; k >= 0; k--) {
      Value a = stored.slice((k + 1) * width - 1, k * width).asSigned();
      Value d = addend.slice((k + 1) * width - 1, k * width).asSigned();
      msbFirst.add(SaturatingAdd.add(b, name + "_lane" + k, a, d, width, lanes.saturate()).asUnsigned());
    }
    return Value.concat(msbFirst.toArray(Value[]::new));
  }
}
