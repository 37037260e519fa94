package dev.serrano.testbench.csr;

import dev.serrano.hdl.core.BusPorts;
import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.ir.BusInterface;
import dev.serrano.hdl.ir.Direction;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.Port;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.csr.CsrDemo;
import dev.serrano.hdl.lib.csr.RegisterFiles;

/**
 * {@code csr_demo_bench}: the {@code csr_demo} block with its 64-bit counter input driven by a real
 * counter, so the counter runs while the native AXI4-Lite master reads it. Every other port of the
 * block is a port of the bench with the same name; the counter counts every cycle from the value of
 * {@code count_start} loaded while {@code count_load} is high.
 */
final class CsrDemoBench {

  private CsrDemoBench() {}

  static Module build() {
    Module csr = CsrDemo.build(12, ResetStyle.SYNC_ACTIVE_HIGH);
    ModuleBuilder b = new ModuleBuilder("csr_demo_bench", CsrDemoBench.class)
        .describe("csr_demo with a running cycle counter");
    b.clockAndReset(ResetStyle.SYNC_ACTIVE_HIGH);
    BusInterface bus = csr.buses().get(0);
    BusPorts axi = b.bus(bus);
    b.group("counter");
    Signal load = b.input("count_load", Type.BIT);
    Signal start = b.input("count_start", Type.unsigned(64));
    Reg count = b.reg("count_q", Type.unsigned(64)).resetTo(0);
    count.next(dev.serrano.hdl.core.Value.mux(load, start, count.add(1)));
    InstanceBuilder u = b.instance("u_csr", csr).connect("clk", b.clock()).connect("rst", b.reset())
        .connect("cycles", count);
    for (String signal : axi.inputNames()) {
      u.connect(bus.port(signal), axi.in(signal));
    }
    for (String signal : axi.outputNames()) {
      u.connect(bus.port(signal), axi.out(signal));
    }
    b.group("hardware side");
    for (Port port : csr.ports()) {
      String name = port.name();
      if (name.equals("clk") || name.equals("rst") || name.equals("cycles") || name.startsWith(bus.name() + "_")) {
        continue;
      }
      if (port.direction() == Direction.INPUT) {
        u.connect(name, b.input(name, port.type()));
      } else {
        u.connect(name, b.output(name, port.type()));
      }
    }
    RegisterFiles.attachments(CsrDemo.map(), "csr_demo_bench").forEach(b::attach);
    return b.build();
  }
}
