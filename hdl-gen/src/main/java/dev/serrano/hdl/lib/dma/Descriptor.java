package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;

/** The descriptor input both DMA engines share: a 2-D main-memory region and a local target. */
record Descriptor(Signal valid, Net ready, Signal addr, Signal rows, Signal rowBytes, Signal stride, Value target,
    Signal local) {

  static Descriptor declare(ModuleBuilder b, DmaConfig config) {
    b.group("descriptor");
    Signal valid = b.input("desc_valid", Type.BIT);
    Net ready = b.output("desc_ready", Type.BIT);
    Signal addr = b.input("desc_addr", Type.unsigned(config.addressWidth()));
    Signal rows = b.input("desc_rows", Type.unsigned(DmaConfig.ROWS_WIDTH));
    Signal rowBytes = b.input("desc_row_bytes", Type.unsigned(DmaConfig.ROW_BYTES_WIDTH));
    Signal stride = b.input("desc_stride", Type.unsigned(config.addressWidth()));
    // With one local memory there is nothing to choose.
    Value target = config.locals().size() > 1 ? b.input("desc_target", Type.unsigned(config.targetWidth()))
        : Bits.constant(0, 1);
    Signal local = b.input("desc_local", Type.unsigned(config.localAddressWidth()));
    return new Descriptor(valid, ready, addr, rows, rowBytes, stride, target, local);
  }
}
