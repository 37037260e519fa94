package dev.serrano.hdl.lib.dma;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;

/**
 * The completion outputs both DMA engines share: {@code busy}, a one-cycle {@code done}, and the
 * first error response of the descriptor with its address, held until the next descriptor. A
 * descriptor whose target the engine cannot reach reports DECERR (AXI's "nothing at this
 * address") for its {@code desc_addr} as it is taken.
 */
record Completion(Net busy, Net done, Net error, Net errorAddr, Net errorResp) {

  static Completion declare(ModuleBuilder b, DmaConfig config) {
    b.group("completion");
    return new Completion(b.output("busy", Type.BIT), b.output("done", Type.BIT), b.output("error", Type.BIT),
        b.output("error_addr", Type.unsigned(config.addressWidth())), b.output("error_resp", Type.unsigned(2)));
  }

  /**
   * @param running the engine's busy register
   * @param accept a descriptor is taken this cycle
   * @param desc the descriptor, for an unreachable target
   * @param finished the descriptor's last effect happens this cycle
   * @param failing a response other than OKAY arrives this cycle, for {@code address}
   */
  void record(ModuleBuilder b, Value running, Value accept, Descriptor desc, Value finished, Value failing,
      Value address, Value response) {
    Reg doneQ = b.reg("done_q", Type.BIT).resetTo(0).next(finished);
    Reg errorQ = b.reg("error_q", Type.BIT).resetTo(0);
    Value firstError = b.wire("first_error", failing.and(errorQ.not()));
    // What a descriptor starts with: no error, or DECERR at its address when its target is unreachable.
    Value acceptError = desc.unreachable().orElse(Bits.constant(0, 1));
    Value acceptAddr = desc.unreachable().map(u -> Value.mux(u, desc.addr(), Value.constant(0, errorAddr.type())))
        .orElse(Value.constant(0, errorAddr.type()));
    Value acceptResp = desc.unreachable().map(u -> Value.concat(u, u)).orElse(Bits.constant(0, 2));
    errorQ.next(Value.mux(accept, acceptError, errorQ.or(failing)));
    Reg errorAddrQ = b.reg("error_addr_q", errorAddr.type()).resetTo(0).enable(firstError.or(accept))
        .next(Value.mux(accept, acceptAddr, address));
    Reg errorRespQ = b.reg("error_resp_q", Type.unsigned(2)).resetTo(0).enable(firstError.or(accept))
        .next(Value.mux(accept, acceptResp, response));
    busy.assign(running);
    done.assign(doneQ);
    error.assign(errorQ);
    errorAddr.assign(errorAddrQ);
    errorResp.assign(errorRespQ);
  }
}
