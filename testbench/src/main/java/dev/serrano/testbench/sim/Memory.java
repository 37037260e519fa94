package dev.serrano.testbench.sim;

import dev.serrano.testbench.design.MemorySpec;
import java.nio.ByteBuffer;

/**
 * One memory of the design hierarchy (as listed in the interface JSON), loaded and read in bulk:
 * each transfer is one native call that copies whole words between the model and a transfer
 * buffer the simulation keeps. Words written become visible to the design at the next
 * {@link Simulation#eval()} or step, like port writes; bits above the width are cleared.
 * Transfers work after the simulation has ended ($finish, $fatal), to inspect its final state.
 */
public final class Memory {

  private final Simulation simulation;
  private final MemorySpec spec;
  private final int index;

  Memory(Simulation simulation, MemorySpec spec, int index) {
    this.simulation = simulation;
    this.spec = spec;
    this.index = index;
  }

  /** Instance names from the top, then the memory name, e.g. {@code u_bank0.storage}. */
  public String path() {
    return spec.path();
  }

  public int width() {
    return spec.width();
  }

  public long depth() {
    return spec.depth();
  }

  /** Writes {@code words.length} words from word {@code firstWord} on; memories up to 64 bits wide. */
  public void write(long firstWord, long[] words) {
    checkNarrow();
    ByteBuffer buffer = simulation.transferBuffer((long) words.length * bytesPerWord());
    if (spec.chunksPerWord() == 1) {
      for (int i = 0; i < words.length; i++) {
        buffer.putInt(i * 4, (int) words[i]);
      }
    } else {
      for (int i = 0; i < words.length; i++) {
        buffer.putLong(i * 8, words[i]);
      }
    }
    simulation.copyMemory(this, firstWord, words.length, true);
  }

  /** Reads {@code destination.length} words from word {@code firstWord} on; memories up to 64 bits wide. */
  public void read(long firstWord, long[] destination) {
    checkNarrow();
    ByteBuffer buffer = simulation.transferBuffer((long) destination.length * bytesPerWord());
    simulation.copyMemory(this, firstWord, destination.length, false);
    if (spec.chunksPerWord() == 1) {
      for (int i = 0; i < destination.length; i++) {
        destination[i] = Integer.toUnsignedLong(buffer.getInt(i * 4));
      }
    } else {
      for (int i = 0; i < destination.length; i++) {
        destination[i] = buffer.getLong(i * 8);
      }
    }
  }

  /**
   * Writes words of any width given as 32-bit chunks, {@link MemorySpec#chunksPerWord()} per word,
   * least significant first (the layout of {@link Port#setWords}); {@code chunks.length} must be a
   * multiple of it.
   */
  public void writeChunks(long firstWord, int[] chunks) {
    int words = wordsIn(chunks);
    ByteBuffer buffer = simulation.transferBuffer((long) chunks.length * 4);
    for (int i = 0; i < chunks.length; i++) {
      buffer.putInt(i * 4, chunks[i]);
    }
    simulation.copyMemory(this, firstWord, words, true);
  }

  /** Reads words of any width into {@code destination} as 32-bit chunks, like {@link #writeChunks}. */
  public void readChunks(long firstWord, int[] destination) {
    int words = wordsIn(destination);
    ByteBuffer buffer = simulation.transferBuffer((long) destination.length * 4);
    simulation.copyMemory(this, firstWord, words, false);
    for (int i = 0; i < destination.length; i++) {
      destination[i] = buffer.getInt(i * 4);
    }
  }

  int index() {
    return index;
  }

  MemorySpec spec() {
    return spec;
  }

  private int bytesPerWord() {
    return 4 * spec.chunksPerWord();
  }

  private int wordsIn(int[] chunks) {
    if (chunks.length % spec.chunksPerWord() != 0) {
      throw new IllegalArgumentException("memory " + path() + " has " + spec.chunksPerWord()
          + " 32-bit chunks per word; " + chunks.length + " chunks are not whole words");
    }
    return chunks.length / spec.chunksPerWord();
  }

  private void checkNarrow() {
    if (spec.width() > 64) {
      throw new IllegalStateException("memory " + path() + " is " + spec.width()
          + " bits wide; use writeChunks/readChunks for words over 64 bits");
    }
  }

  @Override
  public String toString() {
    return path() + " (" + depth() + " x " + width() + " bits)";
  }
}
