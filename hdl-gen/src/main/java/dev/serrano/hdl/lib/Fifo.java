package dev.serrano.hdl.lib;

import dev.serrano.hdl.core.MemoryBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;

/**
 * {@code fifo_w<width>_d<depth>}: a valid/ready FIFO whose storage is a block-RAM-style memory of
 * {@code depth} words, followed by an output register; it holds up to {@code depth + 1} words.
 *
 * <p>Ports: {@code clk}, the reset ({@code rst}, or {@code rst_n} when active low); write side {@code in_valid},
 * {@code in_ready}, {@code in_data}; read side {@code out_valid}, {@code out_ready},
 * {@code out_data}.
 *
 * <p>Contract (both sides): a word moves at a rising edge where valid and ready are both high.
 * {@code in_ready} is high exactly when the memory holds fewer than {@code depth} words; it does
 * not depend on {@code in_valid}. Once {@code out_valid} is high it stays high, with
 * {@code out_data} stable, until the word is taken. Words leave in the order they entered. A word
 * accepted at edge t is offered on the read side right after edge t+1 at the earliest (edge t
 * writes it into the memory, edge t+1 reads it into the output register), so it can be taken at
 * edge t+2. Both sides sustain one word per cycle. No
 * combinational path from any input to any output. After reset the FIFO is empty.
 */
public final class Fifo {
  /**
   * @param width bits per word, 1 to 8192 (a DMA engine queues whole accumulator rows)
   * @param depth memory words, a power of two from 2 to 65536
   * @param reset the reset style of the design
   */
  public record Config(int width, int depth, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("width", width, 1, 8192);
      ConfigException.requirePowerOfTwo("depth", depth, 2, 65536);
    }

    public Config(int width, int depth) {
      this(width, depth, ResetStyle.SYNC_ACTIVE_HIGH);
    }

    public String moduleName() {
      return "fifo_w" + width + "_d" + depth + Resets.nameSuffix(reset);
    }
  }

  private Fifo() {}

  public static Module build(Config config) {
    Type word = Type.unsigned(config.width());
    int addressWidth = Integer.numberOfTrailingZeros(config.depth());
    Type pointer = Type.unsigned(addressWidth + 1);
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), Fifo.class)
        .describe("valid/ready FIFO, " + config.depth() + " x " + config.width()
            + "-bit block-RAM storage plus an output register")
        .parameter("width", config.width())
        .parameter("depth", config.depth())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("write side");
    Signal inValid = b.input("in_valid", Type.BIT);
    var inReady = b.output("in_ready", Type.BIT);
    Signal inData = b.input("in_data", word);
    b.group("read side");
    var outValid = b.output("out_valid", Type.BIT);
    Signal outReady = b.input("out_ready", Type.BIT);
    var outData = b.output("out_data", word);

    // Pointers carry one extra bit so that full and empty differ.
    Reg writePointer = b.reg("wr_ptr_q", pointer).resetTo(0);
    Reg readPointer = b.reg("rd_ptr_q", pointer).resetTo(0);
    Reg outValidQ = b.reg("out_valid_q", Type.BIT).resetTo(0);
    Value stored = b.wire("mem_count", writePointer.sub(readPointer, pointer.width()));
    Value memFull = b.wire("mem_full", stored.eq(config.depth()));
    Value memEmpty = b.wire("mem_empty", writePointer.eq(readPointer));
    Value push = b.wire("push", inValid.and(memFull.not()));
    Value fetch = b.wire("fetch", memEmpty.not().and(outValidQ.not().or(outReady)));

    MemoryBuilder memory = b.memory("storage", word, config.depth());
    memory.write(push, writePointer.slice(addressWidth - 1, 0), inData);
    Signal head = memory.read("out_data_q", fetch, readPointer.slice(addressWidth - 1, 0));

    writePointer.enable(push).next(writePointer.add(1));
    readPointer.enable(fetch).next(readPointer.add(1));
    outValidQ.next(fetch.or(outValidQ.and(outReady.not())));

    inReady.assign(memFull.not());
    outValid.assign(outValidQ);
    outData.assign(head);
    return b.build();
  }
}
