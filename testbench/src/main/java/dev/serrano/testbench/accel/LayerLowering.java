package dev.serrano.testbench.accel;

/**
 * Int8 layers as GEMMs, prepared on the host. TFLite computes {@code sum (x - z_x) * w + bias}
 * with symmetric weights; the array computes {@code sum x * w}, so the rest, {@code bias - z_x *
 * sum w} per output channel, is folded into the bias of the output stage. A conv2d becomes a GEMM
 * by im2col: one A row per output pixel, holding its receptive field in (ky, kx, channel) order,
 * which is also the order of a filter's elements in OHWI; a padded position takes the value
 * {@code z_x}, so that, like the padding of the real-valued input with zeros, it adds nothing.
 */
public final class LayerLowering {
  private LayerLowering() {}

  /** @param input {@code batch x inputs} int8, row-major */
  public static LoweredLayer fullyConnected(FullyConnectedLayer layer, byte[] input, int batch) {
    requireLength("input", input, (long) batch * layer.inputs());
    return new LoweredLayer(batch, layer.outputs(), layer.inputs(), input.clone(),
        transpose(layer.weights(), layer.outputs(), layer.inputs()),
        foldInputZeroPoint(layer.output(), layer.weights(), layer.inputs(), layer.inputZeroPoint()));
  }

  /** @param input {@code inHeight x inWidth x inChannels} int8 (NHWC, one image) */
  public static LoweredLayer conv2d(Conv2dLayer layer, byte[] input) {
    Conv2dGeometry g = layer.geometry();
    requireLength("input", input, (long) g.inHeight() * g.inWidth() * g.inChannels());
    int k = g.filterSize();
    byte[] a = new byte[g.outHeight() * g.outWidth() * k];
    int at = 0;
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int ky = 0; ky < g.kernelHeight(); ky++) {
          int iy = oy * g.stride() - g.padTop() + ky;
          for (int kx = 0; kx < g.kernelWidth(); kx++) {
            int ix = ox * g.stride() - g.padLeft() + kx;
            boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
            for (int c = 0; c < g.inChannels(); c++) {
              a[at++] = inside ? input[(iy * g.inWidth() + ix) * g.inChannels() + c] : (byte) layer.inputZeroPoint();
            }
          }
        }
      }
    }
    return new LoweredLayer(g.outHeight() * g.outWidth(), g.outChannels(), k, a,
        transpose(layer.filter(), g.outChannels(), k),
        foldInputZeroPoint(layer.output(), layer.filter(), k, layer.inputZeroPoint()));
  }

  /** {@code weights[n][k]} (one row per output channel) as B {@code [k][n]}. */
  private static byte[] transpose(byte[] weights, int n, int k) {
    byte[] b = new byte[k * n];
    for (int j = 0; j < n; j++) {
      for (int x = 0; x < k; x++) {
        b[x * n + j] = weights[j * k + x];
      }
    }
    return b;
  }

  private static Requantization foldInputZeroPoint(Requantization output, byte[] weights, int k, int inputZeroPoint) {
    int[] bias = output.bias().clone();
    for (int j = 0; j < bias.length; j++) {
      int sum = 0;
      for (int x = 0; x < k; x++) {
        sum += weights[j * k + x];
      }
      bias[j] -= inputZeroPoint * sum;
    }
    return output.withBias(bias);
  }

  static void requireLength(String parameter, byte[] array, long length) {
    requireLength(parameter, array.length, length);
  }

  static void requireLength(String parameter, int[] array, long length) {
    requireLength(parameter, array.length, length);
  }

  private static void requireLength(String parameter, int actual, long length) {
    if (actual != length) {
      throw new IllegalArgumentException(parameter + " must have " + length + " entries, got " + actual);
    }
  }
}
