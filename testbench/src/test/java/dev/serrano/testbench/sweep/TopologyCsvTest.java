package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyCsvTest {
  @Test
  void convRowsBecomeTheirIm2colGemmsWithScaleSimsValidOutputSize() {
    List<SweepSpec.Gemm> layers = TopologyCsv.parse("net.csv", """
        Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
        Conv1, 224, 224, 11, 11, 3, 96, 4,
        odd, 9, 7, 3, 2, 5, 8, 2,
        """, "net");
    // AlexNet Conv1 as SCALE-Sim maps it (models.md 1.4): 55 x 55 outputs, 11 x 11 x 3 filters.
    // odd: ceil((9 - 3) / 2) + 1 = 4 rows, ceil((7 - 2) / 2) + 1 = 4 columns, K = 3 x 2 x 5.
    assertEquals(List.of(new SweepSpec.Gemm("net.Conv1", 3025, 96, 363, "net"),
        new SweepSpec.Gemm("net.odd", 16, 8, 30, "net")), layers);
  }

  @Test
  void gemmRowsAreTakenAsTheyAre() {
    assertEquals(List.of(new SweepSpec.Gemm("g.fc", 128, 64, 256, "g"), new SweepSpec.Gemm("g.proj", 1, 2, 3, "g")),
        TopologyCsv.parse("g.csv", "Layer, M, N, K,\nfc, 128, 64, 256,\n\nproj,1,2,3\n", "g"));
  }

  @Test
  void badRowsAreNamedWithTheirLineNumbers() {
    String conv = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,"
        + " Strides,\nok, 8, 8, 3, 3, 1, 4, 1,\n";
    assertMessage("n.csv:3: Strides must be a whole number from 1 to 2147483647, got \"0\"",
        conv + "bad, 8, 8, 3, 3, 1, 4, 0,\n");
    assertMessage("n.csv:3: layer \"big\": Filter Height must be from 1 to IFMAP Height (2), got 3",
        conv + "big, 2, 8, 3, 3, 1, 4, 1,\n");
    assertMessage("n.csv:3: expected 8 fields (Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width,"
        + " Channels, Num Filter, Strides), got 7: \"short, 8, 8, 3, 3, 1, 4\"", conv + "short, 8, 8, 3, 3, 1, 4\n");
    assertMessage("n.csv:3: the layer name \"n.ok\" is used twice", conv + "ok, 8, 8, 3, 3, 1, 4, 1,\n");
    assertMessage("n.csv:3: layer \"c1_DP\": depthwise layers (\"DP\" in the name) are not supported",
        conv + "c1_DP, 8, 8, 3, 3, 1, 4, 1,\n");
    assertMessage("n.csv:2: workloads[n.fc].k must be from 1 to 16384, got 20000",
        "Layer, M, N, K,\nfc, 1, 2, 20000,\n");
    assertMessage("n.csv:1: the header must be", "Layer, M, K, N,\nfc, 1, 2, 3,\n");
  }

  @Test
  void resnet18IsItsTwentyConvolutionsAtTheirRealSizes() {
    List<SweepSpec.Gemm> layers = TopologyCsv.preset("resnet18");
    assertEquals(20, layers.size());
    // Hand-computed: ResNet-18 on a 224 x 224 image, with its real output sizes.
    assertEquals(new SweepSpec.Gemm("resnet18.conv1", 112 * 112, 64, 7 * 7 * 3, "resnet18"), layers.get(0));
    assertEquals(new SweepSpec.Gemm("resnet18.layer1.0.conv1", 56 * 56, 64, 9 * 64, "resnet18"), layers.get(1));
    assertEquals(new SweepSpec.Gemm("resnet18.layer2.0.conv1", 28 * 28, 128, 9 * 64, "resnet18"), layers.get(5));
    assertEquals(new SweepSpec.Gemm("resnet18.layer2.0.downsample", 28 * 28, 128, 64, "resnet18"), layers.get(7));
    assertEquals(new SweepSpec.Gemm("resnet18.layer3.0.conv2", 14 * 14, 256, 9 * 256, "resnet18"),
        layers.get(11));
    assertEquals(new SweepSpec.Gemm("resnet18.layer4.1.conv2", 7 * 7, 512, 9 * 512, "resnet18"), layers.get(19));
    // 1.81 G multiply-adds: ResNet-18's published 1.8 G, less the fully connected layer's 0.5 M.
    assertEquals(1_813_561_344L, layers.stream().mapToLong(SweepSpec.Gemm::macs).sum());
  }

  @Test
  void theTransformerBlockHasItsFourWeightGemmsAtDModel1024AndDFf4096() {
    for (String phase : List.of("prefill", "decode")) {
      String network = "transformer-" + phase;
      int tokens = phase.equals("prefill") ? 512 : 1;
      assertEquals(List.of(new SweepSpec.Gemm(network + ".qkv", tokens, 3 * 1024, 1024, network),
          new SweepSpec.Gemm(network + ".attention_out", tokens, 1024, 1024, network),
          new SweepSpec.Gemm(network + ".ffn_up", tokens, 4096, 1024, network),
          new SweepSpec.Gemm(network + ".ffn_down", tokens, 1024, 4096, network)), TopologyCsv.preset(network));
    }
  }

  @Test
  void anUnknownPresetNamesTheKnownOnes() {
    SweepSpecException e = assertThrows(SweepSpecException.class, () -> TopologyCsv.preset("vgg"));
    assertEquals("preset must be one of [resnet18, transformer-prefill, transformer-decode], got \"vgg\"",
        e.getMessage());
  }

  private static void assertMessage(String expectedStart, String csv) {
    SweepSpecException e = assertThrows(SweepSpecException.class, () -> TopologyCsv.parse("n.csv", csv, "n"));
    assertEquals(expectedStart, e.getMessage().substring(0, Math.min(expectedStart.length(),
        e.getMessage().length())), e.getMessage());
  }
}
