package dev.serrano.hdl.lib.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.tools.Flow;
import dev.serrano.hdl.tools.ResourceReport;
import dev.serrano.hdl.tools.Synthesis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated int8 WS PE against a hand-written equivalent (test resources): its multiply maps to
 * one DSP on iCE40 (SB_MAC16) and Xilinx 7-series (DSP48E1), and its generic cell count is within
 * 5 % of the hand-written PE's.
 */
class PeAreaTest {
  private static final String HAND = "pe_ws_int8_hand";

  @TempDir
  Path dir;

  @Test
  void generatedPeIsAsSmallAsTheHandWrittenOneAndUsesOneDsp() throws IOException {
    String generated = SystolicPe.moduleName(ArrayConfig.of(1, 1, Dataflow.WS), true, true);
    OutputWriter.write(Design.of(SystolicPe.build(ArrayConfig.of(1, 1, Dataflow.WS), true, true)), dir.resolve("gen"));
    Path hand = dir.resolve("hand");
    Files.createDirectories(hand);
    try (InputStream in = PeAreaTest.class.getResourceAsStream("/handwritten/" + HAND + ".v")) {
      Files.copy(in, hand.resolve(HAND + ".v"));
    }
    List<String> genFiles = List.of(generated + ".v");
    List<String> handFiles = List.of(HAND + ".v");

    ResourceReport genGeneric = Synthesis.run(dir.resolve("gen"), genFiles, generated, Flow.GENERIC);
    ResourceReport handGeneric = Synthesis.run(hand, handFiles, HAND, Flow.GENERIC);
    double ratio = genGeneric.cells() / (double) handGeneric.cells();
    System.out.printf("PE generic cells: generated %d, hand-written %d (ratio %.3f)%n",
        genGeneric.cells(), handGeneric.cells(), ratio);
    assertTrue(ratio <= 1.05, "generated " + genGeneric + " vs hand-written " + handGeneric);

    ResourceReport ice40 = Synthesis.run(dir.resolve("gen"), genFiles, generated, Flow.ICE40);
    assertEquals(1, ice40.count("SB_MAC16"), "iCE40: " + ice40);
    ResourceReport xilinx = Synthesis.run(dir.resolve("gen"), genFiles, generated, Flow.XILINX);
    assertEquals(1, xilinx.count("DSP48E1"), "Xilinx: " + xilinx);
  }
}
