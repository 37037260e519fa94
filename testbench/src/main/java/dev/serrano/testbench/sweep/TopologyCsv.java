package dev.serrano.testbench.sweep;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.testbench.accel.Conv2dGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A network's layers from a SCALE-Sim topology CSV, each lowered to the GEMM it runs as. Two forms,
 * told apart by the header row (SCALE-Sim skips the header; rows end with a trailing comma, which is
 * optional here):
 *
 * <pre>
 * Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
 * Layer, M, N, K,
 * </pre>
 *
 * A convolution becomes its im2col GEMM: M = output height x output width, N = filters, K = filter
 * height x filter width x channels, with SCALE-Sim's output size ceil((H - Fh) / S) + 1: no padding
 * before the input, and the last window may overhang it by less than a stride (AlexNet's 224 x 224
 * Conv1, 11 x 11 stride 4, gives 55 x 55). For "same" convolutions the IFMAP is written pre-padded,
 * as in the shipped ResNet-18. The filter must fit the IFMAP. Depthwise layers
 * (SCALE-Sim's "DP" in the name, split per channel) and separate column strides are refused rather
 * than run as something else. Blank lines are skipped.
 */
public final class TopologyCsv {
  /** The shipped networks: {@code presets/NAME.csv} resources. */
  public static final List<String> PRESETS = List.of("resnet18", "transformer-prefill", "transformer-decode");

  private static final List<String> CONV_HEADER = List.of("Layer name", "IFMAP Height", "IFMAP Width",
      "Filter Height", "Filter Width", "Channels", "Num Filter", "Strides");
  private static final List<String> GEMM_HEADER = List.of("Layer", "M", "N", "K");

  private TopologyCsv() {}

  /** Reads {@code file}; the network's layers are named {@code network.LAYER}. */
  public static List<SweepSpec.Gemm> read(Path file, String network) {
    try {
      return parse(file.toString(), Files.readString(file), network);
    } catch (IOException e) {
      throw new SweepSpecException("cannot read topology file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The shipped network {@code name}, one of {@link #PRESETS}. */
  public static List<SweepSpec.Gemm> preset(String name) {
    if (!PRESETS.contains(name)) {
      throw new SweepSpecException("preset must be one of " + PRESETS + ", got \"" + name + "\"");
    }
    String resource = "presets/" + name + ".csv";
    try (InputStream in = TopologyCsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing from the build: " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read preset resource " + resource, e);
    }
  }

  /** Parses {@code text}; {@code origin} (a file name) and the line number start every error message. */
  public static List<SweepSpec.Gemm> parse(String origin, String text, String network) {
    List<String> lines = text.lines().toList();
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new SweepSpecException(origin + ": empty topology file, expected a header row");
    }
    List<String> header = lowerCase(fields(lines.get(headerLine)));
    boolean conv = header.equals(lowerCase(CONV_HEADER));
    if (!conv && !header.equals(lowerCase(GEMM_HEADER))) {
      throw new SweepSpecException(origin + ":" + (headerLine + 1) + ": the header must be the conv form \""
          + String.join(", ", CONV_HEADER) + "\" or the GEMM form \"" + String.join(", ", GEMM_HEADER)
          + "\" (any case), got \"" + lines.get(headerLine) + "\"");
    }
    List<SweepSpec.Gemm> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = origin + ":" + (i + 1);
      try {
        SweepSpec.Gemm layer = conv ? convLayer(lines.get(i), network) : gemmLayer(lines.get(i), network);
        if (!names.add(layer.name())) {
          throw new SweepSpecException("the layer name \"" + layer.name() + "\" is used twice");
        }
        layers.add(layer);
      } catch (SweepSpecException e) {
        throw new SweepSpecException(where + ": " + e.getMessage(), e);
      }
    }
    if (layers.isEmpty()) {
      throw new SweepSpecException(origin + ": no layers after the header");
    }
    return layers;
  }

  private static SweepSpec.Gemm convLayer(String line, String network) {
    List<String> fields = requireFields(line, CONV_HEADER);
    String name = fields.get(0);
    if (name.contains("DP")) {
      throw new SweepSpecException("layer \"" + name + "\": depthwise layers (\"DP\" in the name) are not"
          + " supported");
    }
    int[] v = new int[7];
    for (int f = 1; f < 8; f++) {
      v[f - 1] = number(CONV_HEADER.get(f), fields.get(f));
    }
    for (int f = 0; f < 2; f++) {
      if (v[2 + f] > v[f]) {
        throw new SweepSpecException("layer \"" + name + "\": " + CONV_HEADER.get(3 + f) + " must be from 1 to "
            + CONV_HEADER.get(1 + f) + " (" + v[f] + "), got " + v[2 + f]);
      }
    }
    Conv2dGeometry geometry;
    try {
      geometry = new Conv2dGeometry(v[0], v[1], v[4], v[5], v[2], v[3], v[6], 0, 0,
          scaleSimOutputSize(v[0], v[2], v[6]), scaleSimOutputSize(v[1], v[3], v[6]));
    } catch (ConfigException e) {
      throw new SweepSpecException("layer \"" + name + "\": " + e.getMessage(), e);
    }
    return layer(network, name, (long) geometry.outHeight() * geometry.outWidth(), geometry.outChannels(),
        geometry.filterSize());
  }

  /** SCALE-Sim's {@code ceil((H - Fh + S) / S)}, for H >= Fh. */
  private static int scaleSimOutputSize(int input, int filter, int stride) {
    return (input - filter + stride - 1) / stride + 1;
  }

  private static List<String> lowerCase(List<String> names) {
    return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
  }

  private static SweepSpec.Gemm gemmLayer(String line, String network) {
    List<String> fields = requireFields(line, GEMM_HEADER);
    return layer(network, fields.get(0), number("M", fields.get(1)), number("N", fields.get(2)),
        number("K", fields.get(3)));
  }

  /** M, N and K are checked by {@link SweepSpec.Gemm}, which names the layer. */
  private static SweepSpec.Gemm layer(String network, String name, long m, int n, int k) {
    if (m > SweepSpec.MAX_DIMENSION) {
      throw new SweepSpecException("layer \"" + name + "\": M must be from 1 to " + SweepSpec.MAX_DIMENSION
          + ", got " + m);
    }
    return new SweepSpec.Gemm(network + "." + name, (int) m, n, k, network);
  }

  private static List<String> requireFields(String line, List<String> header) {
    List<String> fields = fields(line);
    if (fields.size() != header.size()) {
      throw new SweepSpecException("expected " + header.size() + " fields (" + String.join(", ", header)
          + "), got " + fields.size() + ": \"" + line + "\"");
    }
    return fields;
  }

  /** Comma-separated and trimmed; SCALE-Sim's trailing comma leaves no field. */
  private static List<String> fields(String line) {
    String trimmed = line.strip();
    if (trimmed.endsWith(",")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return List.of(trimmed.split(",", -1)).stream().map(String::strip).toList();
  }

  private static int number(String column, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the column's rule
    }
    throw new SweepSpecException(column + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", got \""
        + text + "\"");
  }
}
