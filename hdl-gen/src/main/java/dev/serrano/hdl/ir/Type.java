package dev.serrano.hdl.ir;

/** A bit vector type: width in bits and whether arithmetic treats it as two's complement. */
public record Type(int width, boolean signed) {
  public static final Type BIT = new Type(1, false);

  public Type {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got " + width);
    }
  }

  public static Type unsigned(int width) {
    return new Type(width, false);
  }

  public static Type signed(int width) {
    return new Type(width, true);
  }

  public Type withWidth(int newWidth) {
    return new Type(newWidth, signed);
  }

  public Type withSigned(boolean newSigned) {
    return new Type(width, newSigned);
  }

  @Override
  public String toString() {
    return (signed ? "s" : "u") + width;
  }
}
