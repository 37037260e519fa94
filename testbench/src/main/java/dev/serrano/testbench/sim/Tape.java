package dev.serrano.testbench.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Records what a test bench does to a simulation (input and memory writes, evals, steps) in the text format
 * that the workspace's {@code replay} program reads, so a failure can be rerun outside Java.
 */
final class Tape implements SimulationListener {

  private final BufferedWriter out;
  private final Path file;
  // Bytes written into AXI memory models go to a side file "<tape>.bus", referenced by offset.
  private FileChannel busData;
  private long busDataLength;

  Tape(Path file, String top) {
    this.file = file.toAbsolutePath();
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      out = Files.newBufferedWriter(file);
      out.write("# serrano tape for " + top + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tape " + file, e);
    }
  }

  @Override
  public void write(Port port) {
    line("set " + port.name() + " " + port.storageHex());
  }

  /** A memory write of {@code words} words whose 32-bit chunks are at the start of {@code chunks}. */
  @Override
  public void writeMemory(Memory memory, long firstWord, int words, ByteBuffer chunks) {
    StringBuilder text = new StringBuilder("mem_write " + memory.index() + " " + firstWord + " " + words);
    for (int i = 0; i < words * memory.spec().chunksPerWord(); i++) {
      text.append(' ').append(Integer.toHexString(chunks.getInt(i * 4)));
    }
    line(text.toString());
  }

  @Override
  public void configureBus(int bus, int key, long a, long b, long c) {
    line("bus_configure " + bus + " " + key + " " + a + " " + b + " " + c);
  }

  /** A write of {@code data}'s remaining bytes at byte {@code offset} of bus {@code bus}'s memory. */
  @Override
  public void writeBus(int bus, long offset, ByteBuffer data) {
    Path side = file.resolveSibling(file.getFileName() + ".bus");
    try {
      if (busData == null) {
        busData = FileChannel.open(side, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
      }
      long start = busDataLength;
      ByteBuffer bytes = data.duplicate();
      int length = bytes.remaining();
      while (bytes.hasRemaining()) {
        busDataLength += busData.write(bytes, busDataLength);
      }
      line("bus_write " + bus + " " + offset + " " + length + " " + side.getFileName() + " " + start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + side, e);
    }
  }

  /** One AXI4-Lite operation queued on bus {@code bus}, as lite_submit takes it. */
  @Override
  public void liteSubmit(int bus, long kind, long address, long a, long b) {
    line("lite_submit " + bus + " " + kind + " " + address + " " + a + " " + b);
  }

  @Override
  public void liteRun(int bus, long maxCycles) {
    line("lite_run " + bus + " " + maxCycles);
  }

  @Override
  public void eval() {
    line("eval");
  }

  @Override
  public void step(long cycles) {
    line("step " + cycles);
  }

  @Override
  public void runUntil(Condition condition, long maxCycles) {
    line("run_until " + condition.port().name() + " " + Long.toHexString(condition.mask()) + " "
        + Long.toHexString(condition.value()) + " " + maxCycles);
  }

  @Override
  public void closing() {
    try {
      out.close();
      if (busData != null) {
        busData.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
