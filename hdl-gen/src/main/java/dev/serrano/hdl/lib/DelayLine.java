package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;
import java.util.ArrayList;
import java.util.List;

/** A chain of registers that advance together while {@code en} is high: the array's skew and deskew. */
public final class DelayLine {
  private DelayLine() {}

  /**
   * {@code value} delayed by {@code stages} enabled cycles, through registers named
   * {@code <name>_d1_q} ... {@code <name>_d<stages>_q}; zero stages returns {@code value}.
   * Registers are reset (to 0) only when {@code reset} is set: control bits, not data.
   */
  public static Value delay(ModuleBuilder b, String name, Value value, int stages, Value en, boolean reset) {
    return taps(b, name, value, stages, en, reset).get(stages);
  }

  /** Every stage of one chain: element k is {@code value} delayed by k cycles (element 0 is {@code value}). */
  public static List<Value> taps(ModuleBuilder b, String name, Value value, int stages, Value en, boolean reset) {
    List<Value> taps = new ArrayList<>(List.of(value));
    for (int stage = 1; stage <= stages; stage++) {
      Reg q = b.reg(name + "_d" + stage + "_q", value.type()).enable(en);
      if (reset) {
        q.resetTo(0);
      }
      q.next(taps.get(stage - 1));
      taps.add(q);
    }
    return taps;
  }
}
