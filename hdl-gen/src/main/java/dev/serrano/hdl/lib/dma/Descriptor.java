package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import java.util.Optional;

/**
 * The descriptor input both DMA engines share: a 2-D main-memory region and a local target.
 *
 * <p>{@code rows} is the row count the engine works through: zero, as for an empty transfer, when
 * the target is one the engine cannot reach (a load naming a store-only source, or a number past
 * the last memory); {@code unreachable} is then high, and only exists when some target number is
 * unreachable.
 */
record Descriptor(Signal valid, Net ready, Signal addr, Value rows, Signal rowBytes, Signal stride, Value target,
    Signal local, Optional<Value> unreachable) {

  /** @param reachable the targets the engine serves: numbers 0 to {@code reachable - 1} */
  static Descriptor declare(ModuleBuilder b, DmaConfig config, int reachable) {
    b.group("descriptor");
    Signal valid = b.input("desc_valid", Type.BIT);
    Net ready = b.output("desc_ready", Type.BIT);
    Signal addr = b.input("desc_addr", Type.unsigned(config.addressWidth()));
    Signal rows = b.input("desc_rows", Type.unsigned(DmaConfig.ROWS_WIDTH));
    Signal rowBytes = b.input("desc_row_bytes", Type.unsigned(DmaConfig.ROW_BYTES_WIDTH));
    Signal stride = b.input("desc_stride", Type.unsigned(config.addressWidth()));
    // With one local memory there is nothing to choose.
    int width = config.targetWidth();
    Value target = config.locals().size() > 1 ? b.input("desc_target", Type.unsigned(width)) : Bits.constant(0, 1);
    Signal local = b.input("desc_local", Type.unsigned(config.localAddressWidth()));
    if (config.locals().size() == 1 || reachable == 1 << width) {
      return new Descriptor(valid, ready, addr, rows, rowBytes, stride, target, local, Optional.empty());
    }
    Value unreachable = b.wire("desc_target_unreachable", target.ge(Bits.constant(reachable, width)));
    Value rowsToMove = b.wire("desc_rows_to_move", Value.mux(unreachable, Bits.constant(0, DmaConfig.ROWS_WIDTH),
        rows));
    return new Descriptor(valid, ready, addr, rowsToMove, rowBytes, stride, target, local, Optional.of(unreachable));
  }
}
