package dev.serrano.testbench.trace;

import dev.serrano.testbench.design.DesignInterface;
import dev.serrano.testbench.sim.AxiChannel;
import dev.serrano.testbench.sim.AxiLiteMaster;
import dev.serrano.testbench.sim.AxiLiteResult;
import dev.serrano.testbench.sim.AxiMemoryModel;
import dev.serrano.testbench.sim.AxiResponse;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationException;
import dev.serrano.testbench.sim.SimulationOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace in the Java bench on Verilator: the trace's RTL built through the simulation
 * cache, each step done through the same API the recording used (the native AXI4-Lite master and
 * AXI4 memory model, configured as recorded), so results, hashes and cycles must be identical.
 */
public final class VerilatorReplay {
  private static final double TWO_TO_32 = 4294967296.0;

  private VerilatorReplay() {}

  public static ReplayOutcome run(TraceFolder.Loaded loaded, SimulationOptions options) {
    DesignInterface design = DesignInterface.read(loaded.designJson());
    List<Trace.LiteResult> results = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    String failure = null;
    try (Simulation sim = Simulation.start(design, options)) {
      try {
        for (Trace.Step step : loaded.trace().steps()) {
          apply(sim, step, checks);
          collect(sim, results);
        }
      } catch (SimulationException e) {
        failure = e.getMessage();
        collect(sim, results);
      }
      return new ReplayOutcome("verilator", results, checks, sim.cycle(), List.of(), failure);
    }
  }

  private static void apply(Simulation sim, Trace.Step step, List<String> checks) {
    if (step instanceof Trace.Reset reset) {
      sim.port(sim.design().reset().port()).set(reset.value());
    } else if (step instanceof Trace.Cycles cycles) {
      sim.step(cycles.count());
    } else if (step instanceof Trace.Configure configure) {
      configure(sim, configure);
    } else if (step instanceof Trace.Load load) {
      sim.axi(load.bus()).write(load.address(), load.data());
    } else if (step instanceof Trace.Submit submit) {
      AxiLiteMaster.Batch batch = sim.axiLite(submit.bus()).batch();
      for (Trace.LiteOperation operation : submit.operations()) {
        switch (operation.kind()) {
          case WRITE -> batch.write(operation.address(), operation.data(), (int) operation.strobesOrMask());
          case READ -> batch.read(operation.address());
          case POLL -> batch.poll(operation.address(), operation.strobesOrMask(), operation.data(),
              operation.maxCycles());
        }
      }
      batch.submit();
    } else if (step instanceof Trace.Run run) {
      sim.axiLite(run.bus()).runUntilIdle(run.maxCycles());
    } else if (step instanceof Trace.Check check) {
      checks.add(Sha256.hex(sim.axi(check.bus()).read(check.address(), check.length())));
    }
  }

  private static void configure(Simulation sim, Trace.Configure step) {
    if (sim.design().bus(step.bus()).orElseThrow().lite()) {
      AxiLiteMaster master = sim.axiLite(step.bus());
      switch (step.setting()) {
        case SEED -> master.seed(step.a());
        case DELAY -> master.delays(step.a() / TWO_TO_32, step.b() / TWO_TO_32);
        case RESET_COUNTERS -> master.resetCounters();
        default -> throw new TraceFormatException("bus " + step.bus() + " is an AXI4-Lite bus; it has no setting "
            + step.setting().jsonName());
      }
      return;
    }
    AxiMemoryModel memory = sim.axi(step.bus());
    switch (step.setting()) {
      case MEMORY -> memory.memory(step.a(), step.b());
      case READ_LATENCY -> memory.readLatency((int) step.a());
      case WRITE_LATENCY -> memory.writeLatency((int) step.a());
      case STALL -> memory.stall(AxiChannel.values()[(int) step.a()], step.b() / TWO_TO_32);
      case SEED -> memory.seed(step.a());
      case OUTSTANDING -> memory.outstanding((int) step.a(), (int) step.b());
      case ERROR_ADD -> memory.addErrorRange(step.a(), step.b(), AxiResponse.of(step.c() & 0xff),
          ((step.c() >> 8) & 1) != 0, ((step.c() >> 8) & 2) != 0);
      case ERROR_CLEAR -> memory.clearErrorRanges();
      case RESET_COUNTERS -> memory.resetCounters();
      case DELAY -> throw new TraceFormatException("bus " + step.bus() + " is an AXI4 bus; it has no setting delay");
    }
  }

  private static void collect(Simulation sim, List<Trace.LiteResult> results) {
    for (var bus : sim.design().buses()) {
      if (bus.lite()) {
        for (AxiLiteResult r : sim.axiLite(bus.name()).collect()) {
          results.add(new Trace.LiteResult(r.value(), (int) r.response().code(), r.matched(), r.cycle()));
        }
      }
    }
  }
}
