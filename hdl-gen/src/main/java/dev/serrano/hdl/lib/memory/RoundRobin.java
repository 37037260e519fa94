package dev.serrano.hdl.lib.memory;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A round-robin arbiter over n requesters. A pointer register names the requester with the highest
 * priority; priority falls in cyclic order from it (p, p + 1, ..., n - 1, 0, ..., p - 1). The winner
 * is the first requester in that order. When the caller's {@code go} is high and someone won, the
 * pointer moves to the requester just after the winner, so under sustained requests from k of the
 * n requesters each wins once every k grants. After reset the pointer is 0.
 */
final class RoundRobin {
  private RoundRobin() {}

  /**
   * The winners (one-hot or all low) among {@code requests}, as wires {@code <name>_win<i>}; the
   * pointer {@code <name>_prio_q} advances past the winner at edges where {@code go} is high.
   */
  static List<Value> winners(ModuleBuilder b, String name, List<Value> requests, Value go) {
    int n = requests.size();
    if (n == 1) {
      return List.of(requests.get(0));
    }
    Type pointerType = Type.unsigned(32 - Integer.numberOfLeadingZeros(n - 1));
    Reg pointer = b.reg(name + "_prio_q", pointerType).resetTo(0);
    List<Value> winners = new ArrayList<>();
    List<Value> pointerAfterWinner = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // i loses when, for the current pointer p, some requester in the cyclic range [p, i) asks.
      List<Value> blockers = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        if (p == i) {
          continue;
        }
        List<Value> ahead = new ArrayList<>();
        for (int j = p; j != i; j = (j + 1) % n) {
          ahead.add(requests.get(j));
        }
        blockers.add(pointer.eq(p).and(anyOf(ahead)));
      }
      Value win = b.wire(name + "_win" + i, requests.get(i).and(anyOf(blockers).not()));
      winners.add(win);
      if ((i + 1) % n != 0) {
        pointerAfterWinner.add(Value.mux(win, Value.constant(i + 1, pointerType), Value.constant(0, pointerType)));
      }
    }
    // Winners are one-hot, so OR-ing the gated constants selects the winner's successor.
    pointer.enable(go.and(anyOf(winners))).next(anyOf(pointerAfterWinner));
    return winners;
  }

  /** The OR of one or more bits (or equal-width values). */
  static Value anyOf(List<Value> values) {
    Value any = values.get(0);
    for (int i = 1; i < values.size(); i++) {
      any = any.or(values.get(i));
    }
    return any;
  }
}
