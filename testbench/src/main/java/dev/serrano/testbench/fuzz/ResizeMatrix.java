package dev.serrano.testbench.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The resize matrix: every (rows, cols) from 2 to 16 and a sample of larger, smaller and very
 * rectangular shapes, as {@code pe_array} cases with dataflow {@code both} (one build checks WS and
 * OS) for each element type, and as {@code accelerator} cases (weight-stationary int8, small
 * memories) for the system level.
 */
public final class ResizeMatrix {
  /** Every element type; a type {@code t} means input and weight {@code t}, {@code aXb} input a and weight b. */
  public static final List<String> ALL_TYPES = List.of("s4", "s8", "s16", "u4", "u8", "u16");
  /** Beyond 2..16: one-wide, very rectangular and larger shapes. */
  public static final List<int[]> EXTRA_SHAPES = List.of(new int[] {1, 1}, new int[] {1, 16}, new int[] {16, 1},
      new int[] {2, 64}, new int[] {64, 2}, new int[] {16, 64}, new int[] {64, 16}, new int[] {5, 48},
      new int[] {24, 40}, new int[] {32, 32});
  public static final int SMALLEST_SIDE = 2;
  public static final int LARGEST_SIDE = 16;

  private ResizeMatrix() {}

  /** (rows, cols) for rows and cols from 2 to 16, row-major, then {@link #EXTRA_SHAPES}. */
  public static List<int[]> shapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int rows = SMALLEST_SIDE; rows <= LARGEST_SIDE; rows++) {
      for (int cols = SMALLEST_SIDE; cols <= LARGEST_SIDE; cols++) {
        shapes.add(new int[] {rows, cols});
      }
    }
    shapes.addAll(EXTRA_SHAPES);
    return shapes;
  }

  /**
   * The matrix over {@code shapes}: a {@code pe_array} case per shape and type (when {@code peArray}),
   * then an accelerator case per shape (when {@code accelerator}); case i's seed is the i-th draw
   * from {@code seed}.
   */
  public static List<FuzzCase> cases(long seed, List<int[]> shapes, List<String> types, boolean peArray,
      boolean accelerator) {
    Random seeds = new Random(seed);
    List<FuzzCase> cases = new ArrayList<>();
    if (peArray) {
      for (int[] shape : shapes) {
        for (String type : types) {
          cases.add(peArray(shape[0], shape[1], type, seeds.nextLong()));
        }
      }
    }
    if (accelerator) {
      for (int[] shape : shapes) {
        cases.add(accelerator(shape[0], shape[1], seeds.nextLong()));
      }
    }
    return cases;
  }

  /** A rows x cols array of both dataflows, inputs and weights of {@code type} ({@code t} or {@code aXb}). */
  public static FuzzCase peArray(int rows, int cols, String type, long seed) {
    String[] types = type.split("x");
    if (types.length > 2) {
      throw new IllegalArgumentException("a type is t or INPUTxWEIGHT (e.g. u8xs4), got \"" + type + "\"");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rows", "" + rows);
    p.put("cols", "" + cols);
    p.put("dataflow", "both");
    p.put("input", types[0]);
    p.put("weight", types[types.length - 1]);
    return new FuzzCase(FuzzCase.PE_ARRAY, p, seed);
  }

  /** A rows x cols int8 accelerator with small memories (two slots of at least 2R rows), a 64-bit bus. */
  public static FuzzCase accelerator(int rows, int cols, long seed) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rows", "" + rows);
    p.put("cols", "" + cols);
    p.put("spBanks", "2");
    p.put("spRows", "" + Integer.highestOneBit(rows) * 4);
    p.put("accBanks", "2");
    p.put("accRows", "32");
    p.put("dataWidth", "64");
    p.put("maxBurst", "16");
    p.put("outstanding", "4");
    p.put("queueDepth", "8");
    return new FuzzCase(FuzzCase.ACCELERATOR, p, seed);
  }
}
