package dev.serrano.testbench.accel;

import dev.serrano.testbench.model.Requantize.RowConfig;
import java.math.BigInteger;

/**
 * One command word of a program and, for a STORE through post-processing (or the GEMM_START of an
 * int8 GEMM), the post-processing parameters its rows see (in hardware: the registers a CONFIG
 * command commits before that word).
 */
public record ProgramStep(BigInteger word, RowConfig postProcessing) {
  public static ProgramStep of(Command command) {
    return new ProgramStep(command.encode(), null);
  }
}
