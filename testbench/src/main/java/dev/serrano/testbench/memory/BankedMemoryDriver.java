package dev.serrano.testbench.memory;

import dev.serrano.hdl.lib.memory.BankedMemory;
import dev.serrano.testbench.model.BankedMemoryModel;
import dev.serrano.testbench.model.BankedMemoryModel.Request;
import dev.serrano.testbench.sim.Memory;
import dev.serrano.testbench.sim.Port;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Drives every client of a simulated {@link BankedMemory} and checks it against
 * {@link BankedMemoryModel} on every cycle: each ready against the model's grants, each returned
 * row (and its data_valid) against the model's read, and at the end every bank's contents.
 * Clients follow valid/ready: a request stays on the ports, unchanged, until it moves. Failures
 * throw {@link AssertionError} naming the cycle, the client and the context (e.g. the seed).
 */
public final class BankedMemoryDriver {
  /** Supplies a client's next request once its previous one has moved; {@link Request#IDLE} for none. */
  public interface Traffic {
    Request next(boolean read, int client, long cycle);
  }

  private final Simulation sim;
  private final BankedMemory.Config config;
  private final BankedMemoryModel model;
  private final String context;
  private final Random idleNoise;
  private final Request[] reads;
  private final Request[] writes;
  private final BigInteger[] expectedRows;
  private final long[] readMoves;
  private final long[] writeMoves;
  private final List<List<BigInteger>> returned = new ArrayList<>();

  public BankedMemoryDriver(Simulation sim, BankedMemory.Config config, String context, long seed) {
    this.sim = sim;
    this.config = config;
    this.model = new BankedMemoryModel(config);
    this.context = context;
    this.idleNoise = new Random(seed ^ 0x5eed);
    this.reads = new Request[config.readClients()];
    this.writes = new Request[config.writeClients()];
    this.expectedRows = new BigInteger[config.readClients()];
    this.readMoves = new long[config.readClients()];
    this.writeMoves = new long[config.writeClients()];
    for (int i = 0; i < config.readClients(); i++) {
      returned.add(new ArrayList<>());
    }
    for (Port port : ports("valid")) {
      port.set(0);
    }
    sim.reset(2);
  }

  /** Fills every bank with random rows through the bulk memory interface, in the model too. */
  public void preload(Random random) {
    for (int bank = 0; bank < config.banks(); bank++) {
      Memory storage = sim.memory("u_bank" + bank + ".storage");
      int chunks = (config.rowWidth() + 31) / 32;
      int[] words = new int[chunks * config.rowsPerBank()];
      for (int row = 0; row < config.rowsPerBank(); row++) {
        BigInteger value = new BigInteger(config.rowWidth(), random);
        model.load(bank, row, value);
        for (int c = 0; c < chunks; c++) {
          words[row * chunks + c] = value.shiftRight(32 * c).intValue();
        }
      }
      storage.writeChunks(0, words);
    }
    sim.eval();
  }

  /** Runs {@code cycles} cycles with requests from {@code traffic}, checking each one. */
  public void run(int cycles, Traffic traffic) {
    for (int n = 0; n < cycles; n++) {
      cycle(traffic);
    }
  }

  /**
   * Cycles with no new request until every held request has moved, then until the last moved
   * write has landed (an accumulator writes one edge after the grant) and the last read returned.
   * Fails if the held requests do not all move within {@code 64} cycles (a starved client).
   */
  public void drain() {
    Traffic none = (read, client, cycle) -> Request.IDLE;
    for (int n = 0; held(); n++) {
      check(n < 64, "held requests still waiting after 64 idle cycles");
      cycle(none);
    }
    run(2, none);
  }

  private boolean held() {
    return Stream.concat(Arrays.stream(reads), Arrays.stream(writes))
        .anyMatch(request -> request != null && request.valid());
  }

  /** Reads of client i that moved so far. */
  public long readMoves(int client) {
    return readMoves[client];
  }

  public long writeMoves(int client) {
    return writeMoves[client];
  }

  /** The rows read client i received (and that matched the model) since the last {@link #resetCounts}. */
  public List<BigInteger> returned(int client) {
    return List.copyOf(returned.get(client));
  }

  /** Zeroes the move counts and forgets the returned rows. */
  public void resetCounts() {
    Arrays.fill(readMoves, 0);
    Arrays.fill(writeMoves, 0);
    returned.forEach(List::clear);
  }

  /** Compares every row of every bank with the model (call after {@link #drain}). */
  public void checkContents() {
    int chunks = (config.rowWidth() + 31) / 32;
    for (int bank = 0; bank < config.banks(); bank++) {
      int[] words = new int[chunks * config.rowsPerBank()];
      sim.memory("u_bank" + bank + ".storage").readChunks(0, words);
      for (int row = 0; row < config.rowsPerBank(); row++) {
        BigInteger value = BigInteger.ZERO;
        for (int c = chunks - 1; c >= 0; c--) {
          value = value.shiftLeft(32).or(BigInteger.valueOf(words[row * chunks + c] & 0xFFFF_FFFFL));
        }
        check(model.row(bank, row).equals(value), "bank " + bank + " row " + row + " holds 0x"
            + value.toString(16) + ", the model 0x" + model.row(bank, row).toString(16));
      }
    }
  }

  private void cycle(Traffic traffic) {
    long now = sim.cycle();
    for (int i = 0; i < reads.length; i++) {
      if (reads[i] == null) {
        reads[i] = traffic.next(true, i, now);
      }
      drive("rd" + i, reads[i], false);
    }
    for (int j = 0; j < writes.length; j++) {
      if (writes[j] == null) {
        writes[j] = traffic.next(false, j, now);
      }
      drive("wr" + j, writes[j], true);
    }
    sim.eval();
    BankedMemoryModel.Edge edge = model.step(reads, writes);
    for (int i = 0; i < reads.length; i++) {
      String who = "rd" + i;
      check(sim.port(who + "_ready").get() == (edge.readGranted()[i] ? 1 : 0),
          who + "_ready is " + sim.port(who + "_ready").get() + ", the model grants " + edge.readGranted()[i]);
      boolean returning = expectedRows[i] != null;
      check(sim.port(who + "_data_valid").get() == (returning ? 1 : 0), who + "_data_valid wrong");
      if (returning) {
        BigInteger row = sim.port(who + "_data").getBigInteger();
        check(row.equals(expectedRows[i]), who + "_data is 0x" + row.toString(16) + ", the model 0x"
            + expectedRows[i].toString(16));
        returned.get(i).add(row);
      }
    }
    for (int j = 0; j < writes.length; j++) {
      String who = "wr" + j;
      check(sim.port(who + "_ready").get() == (edge.writeGranted()[j] ? 1 : 0),
          who + "_ready is " + sim.port(who + "_ready").get() + ", the model grants " + edge.writeGranted()[j]);
    }
    sim.step();
    for (int i = 0; i < reads.length; i++) {
      expectedRows[i] = edge.readData()[i];
      if (edge.readGranted()[i]) {
        readMoves[i]++;
      }
      if (edge.readGranted()[i] || !reads[i].valid()) {
        reads[i] = null;
      }
    }
    for (int j = 0; j < writes.length; j++) {
      if (edge.writeGranted()[j]) {
        writeMoves[j]++;
      }
      if (edge.writeGranted()[j] || !writes[j].valid()) {
        writes[j] = null;
      }
    }
  }

  /** Puts a request on a client's ports; an idle client shows random address and data. */
  private void drive(String client, Request request, boolean write) {
    sim.port(client + "_valid").set(request.valid() ? 1 : 0);
    long address = request.valid() ? request.address() : idleNoise.nextInt(1 << config.addressBits());
    sim.port(client + "_addr").set(address);
    if (write) {
      sim.port(client + "_data").set(request.valid() ? request.data() : new BigInteger(config.rowWidth(), idleNoise));
      if (config.lanes().isPresent()) {
        int accumulate = request.accumulate() ? 1 : 0;
        sim.port(client + "_accumulate").set(request.valid() ? accumulate : idleNoise.nextInt(2));
      }
    }
  }

  private Port[] ports(String suffix) {
    Port[] ports = new Port[reads.length + writes.length];
    for (int i = 0; i < reads.length; i++) {
      ports[i] = sim.port("rd" + i + "_" + suffix);
    }
    for (int j = 0; j < writes.length; j++) {
      ports[reads.length + j] = sim.port("wr" + j + "_" + suffix);
    }
    return ports;
  }

  private void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message + " at cycle " + sim.cycle() + " (" + context + ")");
    }
  }
}
