package dev.serrano.testbench.fuzz;

import dev.serrano.hdl.lib.Resets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid configurations of the {@code accelerator} and {@code pe_array} tops, each drawn from
 * its own seed (so a case is reproducible from its seed alone), every catalog parameter varied
 * within its documented range, bounded by {@link Limits} so that Verilator builds stay short.
 *
 * <p>Accelerator: R x C, element types int8 signed or unsigned (the host stack, {@code
 * AcceleratorDriver} and {@code GemmTiler}, moves one byte per element; other widths are
 * generated and linted by {@code pe_array}), saturation, PE tiles, scratchpad and accumulator
 * banks and rows, AXI data, address and ID widths, burst length, outstanding bursts, queue depth,
 * token limit and reset style. Scratchpad rows are at least the R + 1 a GEMM tile needs per slot
 * ({@code GemmTiler.chooseTiling}); every other value is used as drawn. PE array: R x C, all six
 * element types for inputs and weights independently, accumulator width from the product width to
 * 64, saturation, WS, OS or both, tiles, reset style.
 */
public final class ConfigurationGenerator {
  /**
   * Upper bounds of the drawn values (each also bounded by the catalog's own range).
   *
   * @param maxSide largest R and C
   * @param maxBanks largest scratchpad and accumulator bank count
   * @param maxDataWidth widest AXI data bus
   * @param maxOutstanding most bursts in flight per engine
   * @param maxQueueDepth deepest controller queue
   */
  public record Limits(int maxSide, int maxBanks, int maxDataWidth, int maxOutstanding, int maxQueueDepth) {
    /** Small arrays and memories: builds of a few seconds, for the test suite. */
    public static final Limits SMALL = new Limits(4, 4, 128, 8, 16);
    /** Up to 16 x 16, every bus width: the long run. */
    public static final Limits FULL = new Limits(16, 16, 512, 64, 256);
  }

  private static final String[] TYPES = {"s4", "s8", "s16", "u4", "u8", "u16"};
  private static final String[] BYTE_TYPES = {"s8", "u8"};
  private static final String[] DATAFLOWS = {"ws", "os", "both"};
  private static final String[] RESETS = Resets.ALLOWED.split(", ");

  private final Limits limits;

  public ConfigurationGenerator(Limits limits) {
    this.limits = limits;
  }

  /** {@code count} cases from {@code seed}, accelerator and pe_array alternating; case i's seed from the i-th draw. */
  public List<FuzzCase> cases(long seed, int count) {
    Random seeds = new Random(seed);
    List<FuzzCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long caseSeed = seeds.nextLong();
      cases.add(i % 2 == 0 ? accelerator(caseSeed) : peArray(caseSeed));
    }
    return cases;
  }

  /** A random valid accelerator configuration, drawn from {@code seed}. */
  public FuzzCase accelerator(long seed) {
    Random random = new Random(seed);
    int rows = 1 + random.nextInt(limits.maxSide());
    int cols = 1 + random.nextInt(limits.maxSide());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rows", "" + rows);
    p.put("cols", "" + cols);
    p.put("input", pick(random, BYTE_TYPES));
    p.put("weight", pick(random, BYTE_TYPES));
    p.put("saturate", "" + random.nextBoolean());
    p.put("tileRows", "" + divisor(random, rows));
    p.put("tileCols", "" + divisor(random, cols));
    int spBanks = powerOfTwo(random, 1, limits.maxBanks());
    // A GEMM tile needs R + 1 rows per scratchpad slot; with one bank a slot is half of it.
    int spRowsMin = Math.max(2, Integer.highestOneBit(rows) * 2 * (spBanks == 1 ? 2 : 1));
    p.put("spBanks", "" + spBanks);
    p.put("spRows", "" + Math.min(65536, spRowsMin << random.nextInt(3)));
    p.put("accBanks", "" + powerOfTwo(random, 1, limits.maxBanks()));
    p.put("accRows", "" + powerOfTwo(random, 2, 64));
    p.put("dataWidth", "" + powerOfTwo(random, 32, limits.maxDataWidth()));
    p.put("addressWidth", "" + (12 + random.nextInt(21)));
    p.put("idWidth", "" + (1 + random.nextInt(16)));
    p.put("maxBurst", "" + powerOfTwo(random, 1, 256));
    p.put("outstanding", "" + powerOfTwo(random, 2, limits.maxOutstanding()));
    p.put("queueDepth", "" + powerOfTwo(random, 2, limits.maxQueueDepth()));
    p.put("maxTokens", "" + (random.nextInt(4) == 0 ? 1 + random.nextInt(255) : 1 + random.nextInt(8)));
    p.put("reset", pick(random, RESETS));
    return new FuzzCase(FuzzCase.ACCELERATOR, p, random.nextLong());
  }

  /** A random valid PE array configuration, drawn from {@code seed}. */
  public FuzzCase peArray(long seed) {
    Random random = new Random(seed);
    int rows = 1 + random.nextInt(limits.maxSide());
    int cols = 1 + random.nextInt(limits.maxSide());
    String input = pick(random, TYPES);
    String weight = pick(random, TYPES);
    int productWidth = width(input) + width(weight);
    int[] accWidths = {productWidth, Math.max(productWidth, 32), 64, productWidth + random.nextInt(65 - productWidth)};
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rows", "" + rows);
    p.put("cols", "" + cols);
    p.put("input", input);
    p.put("weight", weight);
    p.put("accWidth", "" + accWidths[random.nextInt(accWidths.length)]);
    p.put("saturate", "" + random.nextBoolean());
    p.put("dataflow", pick(random, DATAFLOWS));
    p.put("tileRows", "" + divisor(random, rows));
    p.put("tileCols", "" + divisor(random, cols));
    p.put("reset", pick(random, RESETS));
    return new FuzzCase(FuzzCase.PE_ARRAY, p, random.nextLong());
  }

  private static int width(String type) {
    return Integer.parseInt(type.substring(1));
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** 1 half of the time (the common untiled array), else any divisor of {@code n}. */
  private static int divisor(Random random, int n) {
    if (random.nextBoolean()) {
      return 1;
    }
    List<Integer> divisors = new ArrayList<>();
    for (int d = 1; d <= n; d++) {
      if (n % d == 0) {
        divisors.add(d);
      }
    }
    return divisors.get(random.nextInt(divisors.size()));
  }

  /** A power of two from {@code min} to {@code max} (both powers of two), each exponent equally likely. */
  private static int powerOfTwo(Random random, int min, int max) {
    int low = Integer.numberOfTrailingZeros(min);
    int high = Integer.numberOfTrailingZeros(max);
    return 1 << (low + random.nextInt(high - low + 1));
  }
}
