package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;

/** A {@link Fifo} instance inside a component, with its outputs as named wires of the parent. */
public record Queue(Net inReady, Net outValid, Net outData) {

  /**
   * Instantiates a FIFO of {@code depth} words of {@code width} bits named {@code u_<name>}; its
   * outputs become the wires {@code <name>_in_ready}, {@code <name>_out_valid}, {@code <name>_out_data}.
   */
  public static Queue of(ModuleBuilder b, String name, int width, int depth, ResetStyle reset, Value inValid, Value inData,
      Value outReady) {
    Module fifo = Fifo.build(new Fifo.Config(width, depth, reset));
    Queue queue = new Queue(b.wire(name + "_in_ready", Type.BIT), b.wire(name + "_out_valid", Type.BIT),
        b.wire(name + "_out_data", Type.unsigned(width)));
    InstanceBuilder u = b.instance("u_" + name, fifo);
    connectClockAndReset(b, u, reset);
    u.connect("in_valid", inValid)
        .connect("in_ready", queue.inReady)
        .connect("in_data", inData)
        .connect("out_valid", queue.outValid)
        .connect("out_ready", outReady)
        .connect("out_data", queue.outData);
    return queue;
  }

  public static void connectClockAndReset(ModuleBuilder b, InstanceBuilder u, ResetStyle reset) {
    u.connect("clk", b.clock()).connect(reset.defaultPortName(), b.reset());
  }
}
