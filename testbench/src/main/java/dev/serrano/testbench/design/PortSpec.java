package dev.serrano.testbench.design;

/**
 * One top-level port: its name, direction, width in bits and whether its value is two's
 * complement.
 */
public record PortSpec(String name, Direction direction, int width, boolean signed) {

  public PortSpec {
    if (width < 1) {
      throw new InterfaceFormatException("port " + name + ": width must be at least 1, got " + width);
    }
  }

  /** Bytes Verilator uses to store the port: 1, 2, 4 or 8, or whole 32-bit words above 64 bits. */
  public int storageBytes() {
    if (width <= 8) {
      return 1;
    } else if (width <= 16) {
      return 2;
    } else if (width <= 32) {
      return 4;
    } else if (width <= 64) {
      return 8;
    }
    return 4 * ((width + 31) / 32);
  }
}
