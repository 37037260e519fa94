package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;

/**
 * The shapes of an NHWC conv2d (one image): input {@code inHeight x inWidth x inChannels}, filter
 * {@code outChannels x kernelHeight x kernelWidth x inChannels} (TFLite's OHWI), the same stride in
 * both directions, {@code padTop} / {@code padLeft} rows and columns of padding before the input
 * and, as the output size needs, up to kernel - 1 after it.
 */
public record Conv2dGeometry(int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight,
    int kernelWidth, int stride, int padTop, int padLeft, int outHeight, int outWidth) {
  public Conv2dGeometry {
    ConfigException.requireRange("inHeight", inHeight, 1, 1 << 16);
    ConfigException.requireRange("inWidth", inWidth, 1, 1 << 16);
    ConfigException.requireRange("inChannels", inChannels, 1, 1 << 16);
    ConfigException.requireRange("outChannels", outChannels, 1, 1 << 16);
    ConfigException.requireRange("kernelHeight", kernelHeight, 1, 1 << 16);
    ConfigException.requireRange("kernelWidth", kernelWidth, 1, 1 << 16);
    ConfigException.requireRange("stride", stride, 1, 1 << 16);
    ConfigException.requireRange("padTop", padTop, 0, kernelHeight - 1);
    ConfigException.requireRange("padLeft", padLeft, 0, kernelWidth - 1);
    // At most kernel - 1 padding after the input: the last window holds at least one input row.
    ConfigException.requireRange("outHeight", outHeight, 1, (inHeight + padTop - 1) / stride + 1);
    ConfigException.requireRange("outWidth", outWidth, 1, (inWidth + padLeft - 1) / stride + 1);
  }

  /** {@code padding} rows and columns on every side (0: TFLite's VALID). */
  public static Conv2dGeometry padded(int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight,
      int kernelWidth, int stride, int padding) {
    return new Conv2dGeometry(inHeight, inWidth, inChannels, outChannels, kernelHeight, kernelWidth, stride, padding,
        padding, (inHeight + 2 * padding - kernelHeight) / stride + 1,
        (inWidth + 2 * padding - kernelWidth) / stride + 1);
  }

  /**
   * TFLite's SAME: output ceil(input / stride), total padding {@code max((out - 1) * stride +
   * kernel - in, 0)}, the smaller half before the input.
   */
  public static Conv2dGeometry same(int inHeight, int inWidth, int inChannels, int outChannels, int kernelHeight,
      int kernelWidth, int stride) {
    int outHeight = (inHeight + stride - 1) / stride;
    int outWidth = (inWidth + stride - 1) / stride;
    int padHeight = Math.max((outHeight - 1) * stride + kernelHeight - inHeight, 0);
    int padWidth = Math.max((outWidth - 1) * stride + kernelWidth - inWidth, 0);
    return new Conv2dGeometry(inHeight, inWidth, inChannels, outChannels, kernelHeight, kernelWidth, stride,
        padHeight / 2, padWidth / 2, outHeight, outWidth);
  }

  /** Elements of one filter: the GEMM's K. */
  public int filterSize() {
    return kernelHeight * kernelWidth * inChannels;
  }
}
