package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.ElementType;
import dev.serrano.hdl.lib.Resets;

/**
 * A systolic array's configuration.
 *
 * @param rows PE rows R, 1 to 256 (WS: the K dimension of a weight tile; OS: output rows)
 * @param cols PE columns C, 1 to 256 (the N dimension of a tile)
 * @param input the activation type (int4, int8, int16, signed or unsigned)
 * @param weight the weight type
 * @param accWidth accumulator width, from the exact product width to 64
 * @param saturate whether sums saturate at the accumulator range instead of wrapping
 * @param dataflow WS, OS or BOTH (run-time selected)
 * @param tileRows rows of PEs grouped into one combinational tile (a divisor of rows)
 * @param tileCols columns of PEs per combinational tile (a divisor of cols)
 * @param reset the design's reset style
 */
public record ArrayConfig(int rows, int cols, ElementType input, ElementType weight, int accWidth,
    boolean saturate, Dataflow dataflow, int tileRows, int tileCols, ResetStyle reset) {

  public static final int MAX_SIDE = 256;

  public ArrayConfig {
    ConfigException.requireRange("rows", rows, 1, MAX_SIDE);
    ConfigException.requireRange("cols", cols, 1, MAX_SIDE);
    ConfigException.requireRange("accWidth", accWidth, input.width() + weight.width(), 64);
    ConfigException.requireRange("tileRows", tileRows, 1, rows);
    ConfigException.requireRange("tileCols", tileCols, 1, cols);
    if (rows % tileRows != 0) {
      throw new ConfigException("tileRows must divide rows (" + rows + "), got " + tileRows);
    }
    if (cols % tileCols != 0) {
      throw new ConfigException("tileCols must divide cols (" + cols + "), got " + tileCols);
    }
  }

  /** A 16 x 16-style default: int8 x int8 into 32 wrapping bits, weight-stationary, no tiles. */
  public static ArrayConfig of(int rows, int cols, Dataflow dataflow) {
    return new ArrayConfig(rows, cols, ElementType.INT8, ElementType.INT8, 32, false, dataflow, 1, 1,
        ResetStyle.SYNC_ACTIVE_HIGH);
  }

  /** Products and sums are signed when either operand type is. */
  public boolean signedArithmetic() {
    return input.signed() || weight.signed();
  }

  public Type productType() {
    return new Type(input.width() + weight.width(), signedArithmetic());
  }

  public Type accType() {
    return new Type(accWidth, signedArithmetic());
  }

  /** Register stages a wave crosses going south: one per tile row. */
  public int tileRowCount() {
    return rows / tileRows;
  }

  /** Register stages a wave crosses going east: one per tile column. */
  public int tileColCount() {
    return cols / tileCols;
  }

  String typeName() {
    return dataflow.shortName() + "_" + input + "x" + weight + "_a" + accWidth + (saturate ? "_sat" : "");
  }

  String suffix() {
    return (tileRows > 1 || tileCols > 1 ? "_t" + tileRows + "x" + tileCols : "") + Resets.nameSuffix(reset);
  }
}
