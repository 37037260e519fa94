package dev.serrano.testbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.memory.BankedMemory;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.memory.BankedMemoryDriver.Traffic;
import dev.serrano.testbench.model.BankedMemoryModel.Request;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated banked memory against {@link dev.serrano.testbench.model.BankedMemoryModel}, every
 * cycle (grants, returned rows) and every bank at the end, under random traffic; then the
 * throughput the class comment documents, read-first, and full-rate accumulates to one row.
 */
class BankedMemoryTest {
  private static final BankedMemory.Config SCRATCHPAD =
      BankedMemory.Config.scratchpad(4, 16, 96, 3, 2, ResetStyle.SYNC_ACTIVE_HIGH);
  private static final BankedMemory.Config ACCUMULATOR = BankedMemory.Config.accumulator(2, 16,
      new BankedMemory.Lanes(5, 32, false), 2, 3, ResetStyle.SYNC_ACTIVE_HIGH);
  private static final int STREAM = 300;

  @TempDir
  Path folder;

  @ParameterizedTest(name = "{0} banks={1} rows={2} width={3} lanes={4}x{5} sat={6} rd={7} wr={8}")
  @CsvSource({
      "scratchpad,  4, 16, 96, 0, 0,  false, 3, 2",
      "scratchpad,  1, 8,  8,  0, 0,  false, 1, 1",
      "accumulator, 2, 16, 0,  5, 32, false, 2, 3",
      "accumulator, 4, 8,  0,  3, 8,  true,  1, 2",
      "accumulator, 1, 4,  0,  2, 4,  true,  2, 1",
  })
  void randomTrafficMatchesTheModel(String top, int banks, int rows, int rowWidth, int lanes, int laneWidth,
      boolean saturate, int readClients, int writeClients) {
    BankedMemory.Config config = top.equals("scratchpad")
        ? BankedMemory.Config.scratchpad(banks, rows, rowWidth, readClients, writeClients, ResetStyle.SYNC_ACTIVE_HIGH)
        : BankedMemory.Config.accumulator(banks, rows, new BankedMemory.Lanes(lanes, laneWidth, saturate),
            readClients, writeClients, ResetStyle.SYNC_ACTIVE_HIGH);
    long seed = seed();
    System.out.println("BankedMemoryTest " + config.moduleName() + " seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, top, parameters(config)))) {
      BankedMemoryDriver driver = new BankedMemoryDriver(sim, config, "seed=" + seed, seed);
      driver.preload(random);
      int addresses = 1 << config.addressBits();
      // Phases: sparse, busy, saturated; the hot rows make same-row accumulates back to back and
      // reads of a row in the cycle it is written, or right after.
      for (double busy : new double[] {0.3, 0.7, 1.0, 0.9}) {
        long[] hot = {random.nextInt(addresses), random.nextInt(addresses), random.nextInt(addresses)};
        driver.run(600, randomTraffic(random, config, busy, hot));
      }
      driver.drain();
      driver.checkContents();
    }
  }

  @Test
  void clientsStreamingIntoOneBankShareItEqually() {
    long seed = seed();
    System.out.println("BankedMemoryTest shares seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "scratchpad", parameters(SCRATCHPAD)))) {
      BankedMemoryDriver driver = new BankedMemoryDriver(sim, SCRATCHPAD, "seed=" + seed, seed);
      driver.preload(random);
      // All three readers on bank 1: a third each, and the bank busy every cycle.
      phase(driver, streaming(random, SCRATCHPAD, new int[] {1, 1, 1}, new int[] {-1, -1}, false));
      for (int i = 0; i < 3; i++) {
        assertEquals(STREAM / 3, driver.readMoves(i), "reader " + i + " of 3 on one bank");
      }
      // Readers 0 and 2 on bank 3, reader 1 alone on bank 0, both writers on bank 2.
      phase(driver, streaming(random, SCRATCHPAD, new int[] {3, 0, 3}, new int[] {2, 2}, false));
      assertEquals(STREAM / 2, driver.readMoves(0));
      assertEquals(STREAM, driver.readMoves(1), "a reader alone on its bank");
      assertEquals(STREAM / 2, driver.readMoves(2));
      assertEquals(STREAM / 2, driver.writeMoves(0));
      assertEquals(STREAM / 2, driver.writeMoves(1));
      driver.drain();
      driver.checkContents();
    }
  }

  @Test
  void clientsOnDifferentBanksEachMoveEveryCycle() {
    long seed = seed();
    System.out.println("BankedMemoryTest parallel seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "scratchpad", parameters(SCRATCHPAD)))) {
      BankedMemoryDriver driver = new BankedMemoryDriver(sim, SCRATCHPAD, "seed=" + seed, seed);
      driver.preload(random);
      // A read and a write of one bank never conflict: reader 0 and writer 1 share bank 0.
      phase(driver, streaming(random, SCRATCHPAD, new int[] {0, 1, 2}, new int[] {3, 0}, false));
      for (int i = 0; i < 3; i++) {
        assertEquals(STREAM, driver.readMoves(i), "reader " + i);
      }
      assertEquals(STREAM, driver.writeMoves(0));
      assertEquals(STREAM, driver.writeMoves(1));
      driver.drain();
      driver.checkContents();
    }
  }

  @Test
  void oneBankFillsWhileTheOtherDrainsAtFullRate() {
    long seed = seed();
    System.out.println("BankedMemoryTest double buffer seed=" + seed);
    Random random = new Random(seed);
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "accumulator", parameters(ACCUMULATOR)))) {
      BankedMemoryDriver driver = new BankedMemoryDriver(sim, ACCUMULATOR, "seed=" + seed, seed);
      driver.preload(random);
      for (int fill = 0; fill < 2; fill++) {
        int drain = 1 - fill;
        phase(driver, streaming(random, ACCUMULATOR, new int[] {drain, -1}, new int[] {fill, -1, -1}, true));
        assertEquals(STREAM, driver.writeMoves(0), "accumulates into bank " + fill);
        assertEquals(STREAM, driver.readMoves(0), "reads of bank " + drain);
      }
      // An accumulate and a read of one bank take its read port in turns: half each.
      phase(driver, streaming(random, ACCUMULATOR, new int[] {0, -1}, new int[] {0, -1, -1}, true));
      assertEquals(STREAM / 2, driver.writeMoves(0), "accumulates sharing the read port");
      assertEquals(STREAM / 2, driver.readMoves(0), "reads sharing the read port");
      // Overwrites need no read port: both at full rate on one bank.
      phase(driver, streaming(random, ACCUMULATOR, new int[] {1, -1}, new int[] {1, -1, -1}, false));
      assertEquals(STREAM, driver.writeMoves(0));
      assertEquals(STREAM, driver.readMoves(0));
      driver.drain();
      driver.checkContents();
    }
  }

  @Test
  void aReadOfTheRowWrittenInTheSameCycleReturnsTheOldRow() {
    for (BankedMemory.Config config : List.of(SCRATCHPAD, ACCUMULATOR)) {
      String top = config.lanes().isPresent() ? "accumulator" : "scratchpad";
      try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, top, parameters(config)))) {
        BankedMemoryDriver driver = new BankedMemoryDriver(sim, config, top, 1);
        driver.preload(new Random(1));
        long address = (1L << config.rowBits()) + 5;  // bank 1, row 5
        BigInteger oldRow = BigInteger.ONE.shiftLeft(config.rowWidth() - 1).add(BigInteger.valueOf(0x11));
        BigInteger newRow = BigInteger.valueOf(0x22);
        // Cycle 0 overwrites the row; cycle 1 writes it with the new row while reading it;
        // cycle 2 reads it again.
        Request[][] script = {
            {Request.IDLE, Request.write(address, oldRow, false)},
            {Request.read(address), Request.write(address, newRow, false)},
            {Request.read(address), Request.IDLE},
        };
        Traffic scripted = (read, client, cycle) -> {
          int step = (int) cycle - 2;  // the driver's reset took cycles 0 and 1
          return client == 0 && step >= 0 && step < script.length ? script[step][read ? 0 : 1] : Request.IDLE;
        };
        driver.run(script.length, scripted);
        driver.drain();
        assertEquals(List.of(oldRow, newRow), driver.returned(0), top + ": read-first, then the new row");
      }
    }
  }

  @Test
  void accumulatesToOneRowBackToBackAtFullRate() {
    BankedMemory.Config config = ACCUMULATOR;
    try (Simulation sim = Simulation.start(GeneratedDesigns.generate(folder, "accumulator", parameters(config)))) {
      BankedMemoryDriver driver = new BankedMemoryDriver(sim, config, "accumulate chain", 2);
      driver.preload(new Random(2));
      long address = 3;
      BigInteger start = lanes(config, 1000, -7, 0, 1, 1 << 30);
      BigInteger[] addends = {lanes(config, 1, 2, 3, 4, 5), lanes(config, -10, 20, -30, 40, 50),
          lanes(config, 100, 100, 100, 100, 1 << 30), lanes(config, 7, 7, 7, 7, 7)};
      // Overwrite, then one accumulate per cycle to the same row, then read it.
      Traffic chain = (read, client, cycle) -> {
        int step = (int) cycle - 2;
        if (client != 0) {
          return Request.IDLE;
        }
        if (read) {
          return step == addends.length + 1 ? Request.read(address) : Request.IDLE;
        }
        if (step == 0) {
          return Request.write(address, start, false);
        }
        return step >= 1 && step <= addends.length ? Request.write(address, addends[step - 1], true) : Request.IDLE;
      };
      driver.run(addends.length + 2, chain);
      assertEquals(addends.length + 1, driver.writeMoves(0), "one write per cycle");
      driver.drain();
      // Lane 4: 2^30 + 5 + 50 + 2^30 + 7 = 2^31 + 62 wraps past the top of the 32-bit lane.
      BigInteger expected = lanes(config, 1098, 122, 80, 152, (int) ((1L << 31) + 62 - (1L << 32)));
      assertEquals(List.of(expected), driver.returned(0));
      driver.checkContents();
    }
  }

  /**
   * STREAM cycles of {@code traffic}, counted from a quiet start: requests still waiting from the
   * previous phase move first (clients hold a request until it moves), then the counts restart.
   */
  private static void phase(BankedMemoryDriver driver, Traffic traffic) {
    driver.drain();
    driver.resetCounts();
    driver.run(STREAM, traffic);
  }

  /** A fresh seed, or the one given with -DbankedMemory.seed=... to replay a logged failure. */
  private static long seed() {
    return Long.getLong("bankedMemory.seed", System.nanoTime());
  }

  /** Each client's next request: valid with probability {@code busy}, often to a hot row. */
  private static Traffic randomTraffic(Random random, BankedMemory.Config config, double busy, long[] hot) {
    int addresses = 1 << config.addressBits();
    return (read, client, cycle) -> {
      if (random.nextDouble() >= busy) {
        return Request.IDLE;
      }
      long address = random.nextBoolean() ? hot[random.nextInt(hot.length)] : random.nextInt(addresses);
      if (read) {
        return Request.read(address);
      }
      BigInteger data = random.nextInt(4) == 0 ? BigInteger.valueOf(random.nextInt(4))
          : new BigInteger(config.rowWidth(), random);
      return Request.write(address, data, config.lanes().isPresent() && random.nextInt(3) != 0);
    };
  }

  /**
   * Clients that always ask, each in the bank given for it (-1: idle), at random rows; writes
   * accumulate when {@code accumulate}.
   */
  private static Traffic streaming(Random random, BankedMemory.Config config, int[] readBanks, int[] writeBanks,
      boolean accumulate) {
    return (read, client, cycle) -> {
      int bank = read ? readBanks[client] : writeBanks[client];
      if (bank < 0) {
        return Request.IDLE;
      }
      long address = ((long) bank << config.rowBits()) | random.nextInt(config.rowsPerBank());
      return read ? Request.read(address)
          : Request.write(address, new BigInteger(config.rowWidth(), random), accumulate);
    };
  }

  /** A row of signed lanes, lane 0 first. */
  private static BigInteger lanes(BankedMemory.Config config, int... values) {
    int width = config.lanes().orElseThrow().width();
    BigInteger row = BigInteger.ZERO;
    for (int k = values.length - 1; k >= 0; k--) {
      BigInteger bits = BigInteger.valueOf(values[k]).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
      row = row.shiftLeft(width).or(bits);
    }
    return row;
  }

  private static Map<String, String> parameters(BankedMemory.Config config) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("banks", "" + config.banks());
    p.put("rows", "" + config.rowsPerBank());
    config.lanes().ifPresentOrElse(lanes -> {
      p.put("lanes", "" + lanes.count());
      p.put("laneWidth", "" + lanes.width());
      p.put("saturate", "" + lanes.saturate());
    }, () -> p.put("rowWidth", "" + config.rowWidth()));
    p.put("readClients", "" + config.readClients());
    p.put("writeClients", "" + config.writeClients());
    return p;
  }
}
