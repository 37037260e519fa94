package dev.serrano.hdl.lib.csr;

import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.csr.RegisterMap.EnumValue;
import dev.serrano.hdl.lib.csr.RegisterMap.Field;
import java.util.List;

/**
 * {@code csr_demo}: a small register map with one register of every kind, the proving ground of the
 * register machinery until the accelerator defines its own map: identification and configuration
 * readback constants, a plain and a shadowed configuration register, a status register, a 64-bit
 * cycle counter, write-1-to-clear error flags with their interrupt enables, and a two-word command
 * queue.
 */
public final class CsrDemo {
  public static final int VERSION = 0x0100;
  public static final int MAGIC = 0x5e72;
  public static final int COMMAND_DEPTH = 4;

  private CsrDemo() {}

  public static RegisterMap map() {
    return RegisterMap.builder("csr_demo", "Demonstration register map of the Serrano register machinery")
        .constant("id", "identification: version and a magic number",
            Field.of("version", 15, 0, "map version, major.minor in bytes").withReset(VERSION),
            Field.of("magic", 31, 16, "0x5e72 identifies a Serrano block").withReset(MAGIC))
        .constant("features", "configuration readback",
            Field.of("cmd_depth", 7, 0, "entries of the command FIFO memory").withReset(COMMAND_DEPTH),
            Field.of("cmd_words", 11, 8, "words per command").withReset(2))
        .config("ctrl", "control",
            Field.bit("enable", 0, "start processing commands").withReset(0),
            Field.of("mode", 2, 1, "operating mode").withValues(
                new EnumValue("idle", 0, "do nothing"), new EnumValue("gemm", 1, "matrix multiply"),
                new EnumValue("conv", 2, "convolution")))
        .shadowedConfig("tile", "tile shape, applied by commit",
            Field.of("rows", 7, 0, "rows per tile").withReset(16),
            Field.of("cols", 15, 8, "columns per tile").withReset(16),
            Field.of("depth", 31, 16, "reduction depth per tile").withReset(64))
        .status("status", "state of the engine",
            Field.bit("busy", 0, "a command is executing"),
            Field.of("state", 7, 4, "state machine state"))
        .counter64("cycles", "busy cycles")
        .flags("error", "sticky error flags",
            Field.bit("dma", 0, "a DMA transfer got an error response"),
            Field.bit("decode", 1, "an unknown command opcode"),
            Field.of("lane", 7, 4, "a lane reported an overflow"))
        .interruptEnable("irq_enable", "error", "interrupt enables of the error flags")
        .at(0x40)
        .command("cmd", COMMAND_DEPTH, "command queue", List.of(
            List.of(Field.of("opcode", 7, 0, "operation").withValues(
                    new EnumValue("nop", 0, "no operation"), new EnumValue("load", 1, "load a tile"),
                    new EnumValue("store", 2, "store a tile")),
                Field.of("length", 31, 8, "bytes to move")),
            List.of(Field.of("address", 31, 0, "byte address in memory"))))
        .build();
  }

  /** The demo block; module {@code csr_demo}, with {@code _a<width>} unless the address width is 12. */
  public static Module build(int addressWidth, ResetStyle reset) {
    String name = "csr_demo" + (addressWidth == 12 ? "" : "_a" + addressWidth) + Resets.nameSuffix(reset);
    return CsrBlock.build(map(), new CsrBlock.Config(name, addressWidth, reset));
  }
}
