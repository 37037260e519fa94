package dev.serrano.testbench.accel;

/**
 * Int8 conv2d and fully-connected as TFLite's reference kernels compute them, with direct loops:
 * {@code acc = sum (x + input_offset) * w} over the positions inside the input ({@code
 * input_offset = -z_x}, weights symmetric), then bias, requantisation, output zero point and
 * activation clamp ({@link Requantization#apply}).
 */
public final class LayerReference {
  private LayerReference() {}

  /** @return {@code batch x outputs} int8 */
  public static byte[] fullyConnected(FullyConnectedLayer layer, byte[] input, int batch) {
    byte[] out = new byte[batch * layer.outputs()];
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < layer.outputs(); o++) {
        int acc = 0;
        for (int i = 0; i < layer.inputs(); i++) {
          acc += (input[b * layer.inputs() + i] - layer.inputZeroPoint()) * layer.weights()[o * layer.inputs() + i];
        }
        out[b * layer.outputs() + o] = (byte) layer.output().apply(acc, o);
      }
    }
    return out;
  }

  /** @return {@code outHeight x outWidth x outChannels} int8 (NHWC) */
  public static byte[] conv2d(Conv2dLayer layer, byte[] input) {
    Conv2dGeometry g = layer.geometry();
    byte[] out = new byte[g.outHeight() * g.outWidth() * g.outChannels()];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int oc = 0; oc < g.outChannels(); oc++) {
          int acc = 0;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int iy = oy * g.stride() - g.padTop() + ky;
              int ix = ox * g.stride() - g.padLeft() + kx;
              if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) {
                continue;
              }
              for (int ic = 0; ic < g.inChannels(); ic++) {
                int x = input[(iy * g.inWidth() + ix) * g.inChannels() + ic];
                int w = layer.filter()[((oc * g.kernelHeight() + ky) * g.kernelWidth() + kx) * g.inChannels() + ic];
                acc += (x - layer.inputZeroPoint()) * w;
              }
            }
          }
          out[(oy * g.outWidth() + ox) * g.outChannels() + oc] = (byte) layer.output().apply(acc, oc);
        }
      }
    }
    return out;
  }
}
