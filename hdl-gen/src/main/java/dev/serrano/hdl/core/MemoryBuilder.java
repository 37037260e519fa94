package dev.serrano.hdl.core;

import dev.serrano.hdl.ir.Memory;
import dev.serrano.hdl.ir.MemoryRead;
import dev.serrano.hdl.ir.MemoryWrite;
import dev.serrano.hdl.ir.SourceLocation;
import dev.serrano.hdl.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A block-RAM-style memory: synchronous writes and synchronous reads. A read returns a register
 * that takes the addressed word one clock edge after the enabled read and holds it after.
 */
public final class MemoryBuilder {
  private final String name;
  private final Type word;
  private final int depth;
  private final SourceLocation source;
  private final List<MemoryWrite> writes = new ArrayList<>();
  private final List<MemoryRead> reads = new ArrayList<>();

  MemoryBuilder(String name, Type word, int depth, SourceLocation source) {
    this.name = name;
    this.word = word;
    this.depth = depth;
    this.source = source;
  }

  public String name() {
    return name;
  }

  public int addressWidth() {
    return Memory.addressWidth(depth);
  }

  /** Writes {@code data} at {@code address} on a rising edge while {@code enable} is high. */
  public MemoryBuilder write(Value enable, Value address, Value data) {
    writes.add(new MemoryWrite(enable.expr(), address.expr(), data.expr(), CallSite.here()));
    return this;
  }

  /** A synchronous read port; the returned register (named {@code dataName}) holds the word read. */
  public Signal read(String dataName, Value enable, Value address) {
    reads.add(new MemoryRead(dataName, enable.expr(), address.expr(), CallSite.here()));
    return new Signal(dataName, word);
  }

  Memory toIr() {
    return new Memory(name, word, depth, writes, reads, source);
  }
}
