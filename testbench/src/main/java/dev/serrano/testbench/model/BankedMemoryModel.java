package dev.serrano.testbench.model;

import dev.serrano.hdl.lib.memory.BankedMemory;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Cycle-accurate model of {@link BankedMemory}, written from its documented contract: per bank a
 * round-robin read arbiter and write arbiter (pointer past the last winner, 0 after reset); in an
 * accumulator, an accumulating write winner and a read of the same bank take the read port in
 * turns (the write first after reset, flipping at each such conflict; the losing side waits);
 * reads granted at an edge see every write granted before it and none granted at it.
 */
public final class BankedMemoryModel {
  /** One client's request this cycle. */
  public record Request(boolean valid, long address, BigInteger data, boolean accumulate) {
    public static final Request IDLE = new Request(false, 0, BigInteger.ZERO, false);

    public static Request read(long address) {
      return new Request(true, address, BigInteger.ZERO, false);
    }

    public static Request write(long address, BigInteger data, boolean accumulate) {
      return new Request(true, address, data, accumulate);
    }
  }

  /** What one edge did: which clients moved, and the rows the granted reads return next cycle. */
  public record Edge(boolean[] readGranted, boolean[] writeGranted, BigInteger[] readData) {}

  private final BankedMemory.Config config;
  private final BigInteger[][] rows;
  private final int[] readPointer;
  private final int[] writePointer;
  private final boolean[] accumulateTurn;
  private final Arithmetic lane;

  public BankedMemoryModel(BankedMemory.Config config) {
    this.config = config;
    this.rows = new BigInteger[config.banks()][config.rowsPerBank()];
    for (BigInteger[] bank : rows) {
      Arrays.fill(bank, BigInteger.ZERO);
    }
    this.readPointer = new int[config.banks()];
    this.writePointer = new int[config.banks()];
    this.accumulateTurn = new boolean[config.banks()];
    Arrays.fill(accumulateTurn, true);
    this.lane = config.lanes().map(l -> new Arithmetic(l.width(), true, l.saturate())).orElse(null);
  }

  public BigInteger row(int bank, int row) {
    return rows[bank][row];
  }

  /** Sets a row directly, as a bulk memory load does. */
  public void load(int bank, int row, BigInteger value) {
    rows[bank][row] = value;
  }

  public int bankOf(long address) {
    return (int) (address >>> config.rowBits());
  }

  public int rowOf(long address) {
    return (int) (address & (config.rowsPerBank() - 1));
  }

  /** One rising edge with these requests (index = client). */
  public Edge step(Request[] reads, Request[] writes) {
    boolean[] readGranted = new boolean[reads.length];
    boolean[] writeGranted = new boolean[writes.length];
    BigInteger[] readData = new BigInteger[reads.length];
    for (int bank = 0; bank < config.banks(); bank++) {
      int readWinner = winner(reads, bank, readPointer[bank]);
      int writeWinner = winner(writes, bank, writePointer[bank]);
      boolean readGo = true;
      boolean writeGo = true;
      if (lane != null && writeWinner >= 0 && writes[writeWinner].accumulate() && readWinner >= 0) {
        readGo = !accumulateTurn[bank];
        writeGo = accumulateTurn[bank];
        accumulateTurn[bank] = !accumulateTurn[bank];
      }
      if (readGo && readWinner >= 0) {
        readGranted[readWinner] = true;
        readPointer[bank] = (readWinner + 1) % reads.length;
        readData[readWinner] = rows[bank][rowOf(reads[readWinner].address())];
      }
      if (writeGo && writeWinner >= 0) {
        writeGranted[writeWinner] = true;
        writePointer[bank] = (writeWinner + 1) % writes.length;
        Request w = writes[writeWinner];
        int row = rowOf(w.address());
        rows[bank][row] = w.accumulate() ? addLanes(rows[bank][row], w.data()) : w.data();
      }
    }
    return new Edge(readGranted, writeGranted, readData);
  }

  /** The first requester on {@code bank} in cyclic order from {@code pointer}, or -1. */
  private int winner(Request[] requests, int bank, int pointer) {
    for (int k = 0; k < requests.length; k++) {
      int client = (pointer + k) % requests.length;
      if (requests[client].valid() && bankOf(requests[client].address()) == bank) {
        return client;
      }
    }
    return -1;
  }

  private BigInteger addLanes(BigInteger stored, BigInteger addend) {
    BankedMemory.Lanes lanes = config.lanes().orElseThrow();
    BigInteger result = BigInteger.ZERO;
    for (int k = lanes.count() - 1; k >= 0; k--) {
      BigInteger a = Arithmetic.fromBits(stored.shiftRight(k * lanes.width()), lanes.width(), true);
      BigInteger d = Arithmetic.fromBits(addend.shiftRight(k * lanes.width()), lanes.width(), true);
      result = result.shiftLeft(lanes.width()).or(Arithmetic.toBits(lane.add(a, d), lanes.width()));
    }
    return result;
  }
}
