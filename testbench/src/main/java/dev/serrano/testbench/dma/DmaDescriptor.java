package dev.serrano.testbench.dma;

/**
 * One DMA transfer as the memory system's {@code load_desc_*} / {@code store_desc_*} ports take it:
 * {@code rows} rows of {@code rowBytes} bytes in main memory, the first at {@code address}, each
 * {@code stride} bytes after the previous; in local memory {@code target} from row {@code localRow}.
 */
public record DmaDescriptor(long address, int rows, int rowBytes, long stride, Target target, int localRow) {

  /**
   * The local memories, in the order of the hardware's {@code desc_target} encoding; the
   * post-processed accumulator (int8 rows of one byte per lane, at accumulator rows) is a store
   * source only.
   */
  public enum Target {
    SCRATCHPAD, ACCUMULATOR, POST_PROCESSED;

    /** Whether a load may write it, and so whether it holds an image of its own. */
    public boolean loadable() {
      return this != POST_PROCESSED;
    }
  }

  @Override
  public String toString() {
    return String.format("%d x %d B at 0x%x stride %d, %s row %d", rows, rowBytes, address, stride,
        target.name().toLowerCase(), localRow);
  }
}
