package dev.serrano.testbench.accel;

/**
 * An int8 fully-connected layer the TFLite way: input zero point {@code inputZeroPoint},
 * symmetric weights ({@code weights[outputs][inputs]}, TFLite's layout, zero point 0), int32 bias
 * and requantisation in {@code output}.
 */
public record FullyConnectedLayer(int inputs, int outputs, int inputZeroPoint, byte[] weights,
    Requantization output) {
  public FullyConnectedLayer {
    LayerLowering.requireLength("weights", weights, (long) inputs * outputs);
    LayerLowering.requireLength("output channels", output.bias(), outputs);
    weights = weights.clone();
  }
}
