package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;

/** Registers that count events: items in flight, credits, queued commands. */
public final class Counters {
  private Counters() {}

  /** {@code count} goes up by one on {@code up}, down by one on {@code down}, and stays when both or neither. */
  public static Reg upDown(Reg count, Value up, Value down) {
    return count.next(Value.mux(up, Value.mux(down, count, count.add(1)), count.sub(1))).enable(up.or(down));
  }
}
