package dev.serrano.testbench.dma;

import dev.serrano.hdl.lib.memory.MemorySystem;
import dev.serrano.testbench.model.Requantize;
import dev.serrano.testbench.post.PostProcessPorts;
import dev.serrano.testbench.sim.AxiMemoryModel;
import dev.serrano.testbench.sim.Memory;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import dev.serrano.testbench.sim.SimulationException;

/**
 * Drives a simulated {@code memory_system}: submits load and store descriptors through its ports,
 * waits natively for completion, and reads or writes the scratchpad and accumulator banks in bulk
 * as byte images (row-major, global row numbers: bank in the high bits).
 */
public final class MemorySystemDriver {
  /** Cycles a transfer may take per main-memory byte before it counts as hung (plus a constant). */
  private static final long CYCLES_PER_BYTE_LIMIT = 64;

  /** The outcome of one transfer: cycles from the descriptor handshake to {@code done}, the first error. */
  public record Completion(long cycles, boolean error, long errorAddress, int errorResponse) {}

  public enum Engine {
    LOAD("load_"), STORE("store_");

    private final String prefix;

    Engine(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Simulation sim;
  private final MemorySystem.Config config;
  private final AxiMemoryModel axi;

  public MemorySystemDriver(Simulation sim, MemorySystem.Config config) {
    this.sim = sim;
    this.config = config;
    this.axi = sim.axi("m_axi");
  }

  public AxiMemoryModel axi() {
    return axi;
  }

  public MemorySystem.Config config() {
    return config;
  }

  public int rowBytes(DmaDescriptor.Target target) {
    return switch (target) {
      case SCRATCHPAD -> config.spRowWidth() / 8;
      case ACCUMULATOR -> config.accLanes() * config.accWidth() / 8;
      case POST_PROCESSED -> config.accLanes();
    };
  }

  /** Rows of the memory; the post-processed target has the accumulator's. */
  public int rows(DmaDescriptor.Target target) {
    return target == DmaDescriptor.Target.SCRATCHPAD ? config.spBanks() * config.spRows()
        : config.accBanks() * config.accRows();
  }

  /** The post-processing parameters of store target 2 ({@code pp_*}), held until changed. */
  public void postProcess(Requantize.RowConfig rowConfig) {
    if (!rowConfig.outInt8()) {
      throw new IllegalArgumentException("the memory system's post-processed target is int8 only");
    }
    PostProcessPorts.set(sim, "pp_", rowConfig);
  }

  /** Runs one transfer to completion; fails if the engine does not finish in proportion to its size. */
  public Completion run(Engine engine, DmaDescriptor d) {
    submit(engine, d);
    return await(engine, d);
  }

  /** Offers a descriptor and returns once the engine has taken it. */
  public void submit(Engine engine, DmaDescriptor d) {
    submit(engine, d, d.target().ordinal());
  }

  /**
   * Runs a transfer whose {@code desc_target} is {@code targetNumber}, which may name no memory
   * ({@code d.target()} is then only used for its name).
   */
  public Completion run(Engine engine, DmaDescriptor d, int targetNumber) {
    submit(engine, d, targetNumber);
    return await(engine, d);
  }

  private void submit(Engine engine, DmaDescriptor d, int targetNumber) {
    String p = engine.prefix;
    sim.port(p + "desc_addr").set(d.address());
    sim.port(p + "desc_rows").set(d.rows());
    sim.port(p + "desc_row_bytes").set(d.rowBytes());
    sim.port(p + "desc_stride").set(d.stride());
    sim.port(p + "desc_target").set(targetNumber);
    sim.port(p + "desc_local").set(d.localRow());
    Port valid = sim.port(p + "desc_valid");
    valid.set(1);
    sim.runUntil(sim.port(p + "desc_ready").is(1), 1_000_000);
    sim.step();
    valid.set(0);
  }

  /** Waits for the engine's {@code done} pulse of a submitted descriptor. */
  public Completion await(Engine engine, DmaDescriptor d) {
    String p = engine.prefix;
    long limit = 1000 + CYCLES_PER_BYTE_LIMIT * (long) d.rows() * (d.rowBytes() + 64);
    long start = sim.cycle();
    try {
      sim.runUntil(sim.port(p + "done").is(1), limit);
    } catch (SimulationException e) {
      throw new SimulationException(engine + " of " + d + " did not finish within " + limit + " cycles; "
          + axi.counters() + " (" + e.getMessage() + ")");
    }
    Completion completion = new Completion(sim.cycle() - start, sim.port(p + "error").get() == 1,
        sim.port(p + "error_addr").get(), (int) sim.port(p + "error_resp").get());
    sim.step();
    return completion;
  }

  /** The whole local memory as bytes, row after row. */
  public byte[] readLocal(DmaDescriptor.Target target) {
    int rowBytes = rowBytes(target);
    int banks = target == DmaDescriptor.Target.SCRATCHPAD ? config.spBanks() : config.accBanks();
    int perBank = rows(target) / banks;
    int chunksPerRow = (rowBytes + 3) / 4;
    byte[] image = new byte[rows(target) * rowBytes];
    int[] chunks = new int[perBank * chunksPerRow];
    for (int bank = 0; bank < banks; bank++) {
      bank(target, bank).readChunks(0, chunks);
      for (int row = 0; row < perBank; row++) {
        for (int i = 0; i < rowBytes; i++) {
          image[(bank * perBank + row) * rowBytes + i] = (byte) (chunks[row * chunksPerRow + i / 4] >>> (8 * (i % 4)));
        }
      }
    }
    return image;
  }

  /** Replaces the whole local memory with {@code image} (rows of {@link #rowBytes} bytes). */
  public void writeLocal(DmaDescriptor.Target target, byte[] image) {
    int rowBytes = rowBytes(target);
    int banks = target == DmaDescriptor.Target.SCRATCHPAD ? config.spBanks() : config.accBanks();
    int perBank = rows(target) / banks;
    int chunksPerRow = (rowBytes + 3) / 4;
    for (int bank = 0; bank < banks; bank++) {
      int[] chunks = new int[perBank * chunksPerRow];
      for (int row = 0; row < perBank; row++) {
        for (int i = 0; i < rowBytes; i++) {
          chunks[row * chunksPerRow + i / 4] |= (image[(bank * perBank + row) * rowBytes + i] & 0xFF) << (8 * (i % 4));
        }
      }
      bank(target, bank).writeChunks(0, chunks);
    }
  }

  private Memory bank(DmaDescriptor.Target target, int bank) {
    if (!target.loadable()) {
      throw new IllegalArgumentException(target + " rows are computed from the accumulator, not stored");
    }
    String memory = target == DmaDescriptor.Target.SCRATCHPAD ? "u_scratchpad" : "u_accumulator";
    return sim.memory(memory + ".u_bank" + bank + ".storage");
  }
}
