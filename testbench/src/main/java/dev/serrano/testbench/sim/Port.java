package dev.serrano.testbench.sim;

import dev.serrano.testbench.design.Direction;
import dev.serrano.testbench.design.PortSpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * One top-level port, read and written directly in the Verilator model's storage through a
 * direct {@link ByteBuffer}: a set or get is a memory access, not a native call. Values are
 * checked against the port's width and signedness; negative values of signed ports are stored
 * in two's complement with the bits above the width cleared, as Verilator requires.
 *
 * <p>Writes become visible to the design at the next {@link Simulation#eval()} or step.
 */
public final class Port {

  private static final BigInteger WORD_MASK = BigInteger.valueOf(0xFFFF_FFFFL);

  private final Simulation simulation;
  private final PortSpec spec;
  private final int index;
  private final ByteBuffer storage;
  private final int words;
  /** Low {@code width} bits set, for ports up to 64 bits. */
  private final long mask;
  private final boolean writable;
  /** Why an input cannot be written ("is the clock; ..."), or null. */
  private final String driven;

  /** {@code driven}: null for an ordinary port, else why Java may not write this input. */
  Port(Simulation simulation, PortSpec spec, int index, ByteBuffer storage, String driven) {
    this.simulation = simulation;
    this.spec = spec;
    this.index = index;
    this.storage = storage;
    this.words = (spec.width() + 31) / 32;
    this.mask = spec.width() >= 64 ? -1L : (1L << spec.width()) - 1;
    this.writable = spec.direction() == Direction.INPUT && driven == null;
    this.driven = driven;
  }

  public String name() {
    return spec.name();
  }

  public int width() {
    return spec.width();
  }

  public boolean signed() {
    return spec.signed();
  }

  public Direction direction() {
    return spec.direction();
  }

  Simulation simulation() {
    return simulation;
  }

  int index() {
    return index;
  }

  /** Writes a value; it must fit the port (signed ports: two's complement range). */
  public void set(long value) {
    checkWrite();
    if (spec.width() > 64) {
      setWide(BigInteger.valueOf(value));
    } else {
      checkFits(value);
      writeNarrow(value & mask);
    }
    simulation.recordWrite(this);
  }

  /** Writes a value of any width; it must fit the port. */
  public void set(BigInteger value) {
    checkWrite();
    checkFits(value);
    if (spec.width() > 64) {
      setWide(value);
    } else {
      writeNarrow(value.longValue() & mask);
    }
    simulation.recordWrite(this);
  }

  /**
   * Writes raw bits as 32-bit words, least significant word first; exactly {@code ceil(width/32)}
   * words, with no bit set above the width.
   */
  public void setWords(int[] bits) {
    checkWrite();
    if (bits.length != words) {
      throw new IllegalArgumentException("port " + name() + " (" + width() + " bits) takes " + words
          + " words, got " + bits.length);
    }
    int topBits = spec.width() - 32 * (words - 1);
    if (topBits < 32 && (bits[words - 1] >>> topBits) != 0) {
      throw new IllegalArgumentException("value wider than port " + name() + " (" + width() + " bits): word "
          + (words - 1) + " is 0x" + Integer.toHexString(bits[words - 1]));
    }
    if (spec.width() > 64) {
      for (int i = 0; i < words; i++) {
        storage.putInt(4 * i, bits[i]);
      }
    } else {
      long low = bits[0] & 0xFFFF_FFFFL;
      writeNarrow(words == 2 ? low | ((long) bits[1] << 32) : low);
    }
    simulation.recordWrite(this);
  }

  /** The value of a port up to 64 bits, sign-extended for signed ports. */
  public long get() {
    simulation.checkUsable();
    if (spec.width() > 64) {
      throw new IllegalStateException("port " + name() + " has " + width()
          + " bits; read it with getBigInteger() or getWords()");
    }
    long bits = readNarrow() & mask;
    int unused = 64 - spec.width();
    return spec.signed() ? (bits << unused) >> unused : bits;
  }

  /** The value of a port of any width, negative for signed ports with the top bit set. */
  public BigInteger getBigInteger() {
    simulation.checkUsable();
    BigInteger bits = BigInteger.ZERO;
    if (spec.width() <= 64) {
      bits = new BigInteger(Long.toUnsignedString(readNarrow() & mask));
    } else {
      for (int i = words - 1; i >= 0; i--) {
        bits = bits.shiftLeft(32).or(BigInteger.valueOf(storage.getInt(4 * i) & 0xFFFF_FFFFL));
      }
    }
    if (spec.signed() && bits.testBit(spec.width() - 1)) {
      return bits.subtract(BigInteger.ONE.shiftLeft(spec.width()));
    }
    return bits;
  }

  /** Copies the raw bits into {@code destination} as 32-bit words, least significant first. */
  public void getWords(int[] destination) {
    simulation.checkUsable();
    if (destination.length < words) {
      throw new IllegalArgumentException("port " + name() + " needs " + words + " words");
    }
    if (spec.width() > 64) {
      for (int i = 0; i < words; i++) {
        destination[i] = storage.getInt(4 * i);
      }
    } else {
      long bits = readNarrow() & mask;
      destination[0] = (int) bits;
      if (words == 2) {
        destination[1] = (int) (bits >>> 32);
      }
    }
  }

  /** A condition for {@link Simulation#runUntil}: this port equals {@code value}. */
  public Condition is(long value) {
    checkFits(value);
    return new Condition(this, mask, value & mask, name() + " == " + value);
  }

  /** The stored bytes as hexadecimal, most significant first (for tapes). */
  String storageHex() {
    StringBuilder hex = new StringBuilder();
    for (int i = storage.capacity() - 1; i >= 0; i--) {
      hex.append(Character.forDigit((storage.get(i) >> 4) & 0xF, 16)).append(Character.forDigit(storage.get(i) & 0xF, 16));
    }
    return hex.toString();
  }

  private void setWide(BigInteger value) {
    checkFits(value);
    BigInteger bits = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(spec.width())) : value;
    for (int i = 0; i < words; i++) {
      storage.putInt(4 * i, bits.shiftRight(32 * i).and(WORD_MASK).intValue());
    }
  }

  private void writeNarrow(long bits) {
    switch (storage.capacity()) {
      case 1 -> storage.put(0, (byte) bits);
      case 2 -> storage.putShort(0, (short) bits);
      case 4 -> storage.putInt(0, (int) bits);
      default -> storage.putLong(0, bits);
    }
  }

  private long readNarrow() {
    return switch (storage.capacity()) {
      case 1 -> storage.get(0);
      case 2 -> storage.getShort(0);
      case 4 -> storage.getInt(0);
      default -> storage.getLong(0);
    };
  }

  private void checkWrite() {
    simulation.checkUsable();
    if (!writable) {
      throw new IllegalStateException(spec.direction() == Direction.OUTPUT
          ? "port " + name() + " of " + simulation.design().top() + " is an output and cannot be written"
          : "port " + name() + " " + driven);
    }
  }

  /** For ports up to 64 bits; a 64-bit port takes any long (unsigned ones as raw bits). */
  private void checkFits(long value) {
    int width = spec.width();
    boolean fits;
    if (width >= 64) {
      fits = true;
    } else if (spec.signed()) {
      long limit = 1L << (width - 1);
      fits = value >= -limit && value < limit;
    } else {
      fits = (value & ~mask) == 0;
    }
    if (!fits) {
      throw new IllegalArgumentException(outOfRange(Long.toString(value)));
    }
  }

  private void checkFits(BigInteger value) {
    boolean fits = spec.signed()
        ? value.bitLength() <= spec.width() - 1
        : value.signum() >= 0 && value.bitLength() <= spec.width();
    if (!fits) {
      throw new IllegalArgumentException(outOfRange(value.toString()));
    }
  }

  private String outOfRange(String value) {
    BigInteger max = BigInteger.ONE.shiftLeft(spec.signed() ? spec.width() - 1 : spec.width()).subtract(BigInteger.ONE);
    BigInteger min = spec.signed() ? max.negate().subtract(BigInteger.ONE) : BigInteger.ZERO;
    return "value " + value + " is wider than port " + name() + " (" + (spec.signed() ? "signed " : "unsigned ")
        + width() + " bits, " + min + ".." + max + ")";
  }
}
