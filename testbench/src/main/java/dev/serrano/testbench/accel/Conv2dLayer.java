package dev.serrano.testbench.accel;

/**
 * An int8 conv2d the TFLite way: input zero point {@code inputZeroPoint}, symmetric per-channel
 * weights ({@code filter} in OHWI order, zero point 0), int32 bias and requantisation in {@code
 * output}.
 */
public record Conv2dLayer(Conv2dGeometry geometry, int inputZeroPoint, byte[] filter, Requantization output) {
  public Conv2dLayer {
    LayerLowering.requireLength("filter", filter, (long) geometry.outChannels() * geometry.filterSize());
    LayerLowering.requireLength("output channels", output.bias(), geometry.outChannels());
    filter = filter.clone();
  }
}
