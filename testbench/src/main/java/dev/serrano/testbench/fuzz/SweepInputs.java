package dev.serrano.testbench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.testbench.fuzz.BadValues.BadValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bad inputs to {@code scripts/sweep run} and {@code merge}: a valid small sweep spec (a grid of
 * accelerator parameters, GEMMs, maybe a preset, area flows, a clock) with one mutation that makes
 * it invalid by construction, a bad option, or an output folder that must be refused. None runs a
 * point: bad input is refused before the first build.
 */
final class SweepInputs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final List<String> PRESETS = List.of("resnet18", "transformer-prefill", "transformer-decode");
  static final List<String> FLOWS = List.of("generic", "ice40", "xilinx");
  private static final List<String> TOP_FIELDS = List.of("area", "clockMhz", "parameters", "workloads");
  private static final List<String> GEMM_FIELDS = List.of("k", "m", "n", "name", "network");
  private static final List<String> GRID = List.of("rows", "cols", "spRows", "dataWidth", "input", "tileRows");
  private static final int MAX_DIMENSION = 16384;

  private SweepInputs() {}

  /** One input, drawn from {@code random}; {@code seed} names it. */
  static BadInput draw(long seed, Random random) {
    ObjectNode spec = spec(random);
    if (random.nextInt(6) == 0) {
      return merge(seed, random);
    }
    while (true) {
      BadInput input = switch (random.nextInt(9)) {
        case 0, 1 -> badDimension(seed, random, spec);
        case 2 -> unknownField(seed, random, spec);
        case 3 -> badGrid(seed, random, spec);
        case 4 -> badWorkloads(seed, random, spec);
        case 5 -> badAreaOrClock(seed, random, spec);
        case 6 -> badFile(seed, random, spec);
        case 7 -> badOption(seed, random, spec);
        default -> outputHazard(seed, random, spec);
      };
      if (input != null) {
        return input;
      }
    }
  }

  /** A valid spec: one grid of up to three parameters, one to three GEMMs and maybe a preset. */
  private static ObjectNode spec(Random random) {
    ObjectNode spec = NODES.objectNode();
    ObjectNode grid = spec.putObject("parameters");
    List<String> names = new ArrayList<>(GRID);
    java.util.Collections.shuffle(names, random);
    for (String name : names.subList(0, random.nextInt(4))) {
      ArrayNode values = grid.putArray(name);
      int first = 1 << random.nextInt(4);
      for (int i = 0; i <= random.nextInt(3); i++) {
        if (name.equals("input")) {
          values.add(List.of("s8", "u8", "int8").get(i));
        } else {
          values.add(first << i);
        }
      }
    }
    ArrayNode workloads = spec.putArray("workloads");
    int gemms = 1 + random.nextInt(3);
    for (int i = 0; i < gemms; i++) {
      ObjectNode gemm = workloads.addObject();
      if (random.nextBoolean()) {
        gemm.put("name", "g" + i);
      }
      // m = i + 1 keeps the names of unnamed GEMMs apart.
      gemm.put("m", i + 1).put("n", 1 + random.nextInt(64)).put("k", 1 + random.nextInt(MAX_DIMENSION));
    }
    if (random.nextInt(4) == 0) {
      workloads.addObject().put("preset", PRESETS.get(random.nextInt(PRESETS.size())));
    }
    if (random.nextBoolean()) {
      ArrayNode area = spec.putArray("area");
      FLOWS.stream().filter(flow -> random.nextBoolean()).forEach(area::add);
    }
    if (random.nextBoolean()) {
      spec.put("clockMhz", 1 + random.nextInt(100_000));
    }
    return spec;
  }

  /** A GEMM's M, N or K out of range, no whole number or missing. */
  private static BadInput badDimension(long seed, Random random, ObjectNode spec) {
    ArrayNode workloads = (ArrayNode) spec.get("workloads");
    int index = random.nextInt(workloads.size());
    ObjectNode gemm = (ObjectNode) workloads.get(index);
    if (!gemm.has("m")) {
      return null;
    }
    String field = List.of("m", "n", "k").get(random.nextInt(3));
    String kind;
    int choice = random.nextInt(8);
    if (choice < 5) {
      BadValue bad = BadValues.integer(random, 1, MAX_DIMENSION, false);
      kind = bad.kind();
      gemm.set(field, bad.json());
    } else if (choice == 5) {
      kind = "missing";
      gemm.remove(field);
    } else {
      kind = "wrong JSON type";
      List<JsonNode> wrong = List.of(NODES.textNode("8"), NODES.booleanNode(true), NODES.nullNode(),
          NODES.arrayNode().add(8), NODES.objectNode());
      gemm.set(field, wrong.get(random.nextInt(wrong.size())));
    }
    return run(seed, random, "GEMM " + kind, spec,
        List.of("workloads[" + index + "]." + field + " must be a whole number from 1 to " + MAX_DIMENSION));
  }

  /** A misspelt or unknown field at the top level or in a GEMM. */
  private static BadInput unknownField(long seed, Random random, ObjectNode spec) {
    if (random.nextBoolean()) {
      String field = Misspelling.of(random, TOP_FIELDS.get(random.nextInt(TOP_FIELDS.size())), TOP_FIELDS);
      spec.put(field, 1);
      List<String> expected = new ArrayList<>(List.of("the top level: unknown field \"" + field + "\""));
      expected.addAll(TOP_FIELDS);
      return run(seed, random, "unknown top-level field", spec, expected);
    }
    ArrayNode workloads = (ArrayNode) spec.get("workloads");
    int index = random.nextInt(workloads.size());
    if (!workloads.get(index).has("m")) {
      return null;
    }
    String field = random.nextBoolean() ? List.of("batch", "M", "size", "shape").get(random.nextInt(4))
        : Misspelling.of(random, GEMM_FIELDS.get(random.nextInt(GEMM_FIELDS.size())), GEMM_FIELDS);
    if (field.equals("preset") || field.equals("topology")) {
      return null;
    }
    ((ObjectNode) workloads.get(index)).put(field, 1);
    List<String> expected = new ArrayList<>(List.of("workloads[" + index + "]: unknown field \"" + field + "\""));
    expected.addAll(GEMM_FIELDS);
    return run(seed, random, "unknown GEMM field", spec, expected);
  }

  /** A grid whose values are no list, none, repeated, fractional or no name; or an unknown top. */
  private static BadInput badGrid(long seed, Random random, ObjectNode spec) {
    ObjectNode grid = (ObjectNode) spec.get("parameters");
    String name = GRID.get(random.nextInt(GRID.size()));
    String where = "parameters." + name;
    return switch (random.nextInt(7)) {
      case 0 -> {
        grid.put(name, 4);
        yield run(seed, random, "grid values no list", spec, List.of(where + " must be an array of values"));
      }
      case 1 -> {
        grid.putArray(name);
        yield run(seed, random, "grid without values", spec, List.of(where + " must list at least one value"));
      }
      case 2 -> {
        grid.putArray(name).add(2).add(4).add(2);
        yield run(seed, random, "grid value twice", spec, List.of(where + " lists a value twice"));
      }
      case 3 -> {
        grid.putArray(name).add(2).add(2.5);
        yield run(seed, random, "fractional grid value", spec, List.of(where
            + " values must be whole numbers or strings"));
      }
      case 4 -> {
        String value = List.of("a/b", "a b", "", "x=y", "4,8", "a@b").get(random.nextInt(6));
        grid.putArray(name).add(value);
        yield run(seed, random, "grid value no name", spec, List.of(where + " \"" + value
            + "\" must be letters, digits, '.', '-' or '_'"));
      }
      case 5 -> {
        String value = List.of("fifo", "nope", "Accelerator", "pe-array").get(random.nextInt(4));
        grid.putArray("top").add(value);
        yield run(seed, random, "unknown top", spec, List.of("parameters.top must be one of", "accelerator",
            "pe_array", "got \"" + value + "\""));
      }
      default -> {
        spec.set("parameters", random.nextBoolean() ? NODES.numberNode(4) : NODES.textNode("rows"));
        yield run(seed, random, "grid no object", spec, List.of("parameters must be a JSON object"));
      }
    };
  }

  /** No workloads, a GEMM name twice or no file name, an unknown preset, a missing topology file. */
  private static BadInput badWorkloads(long seed, Random random, ObjectNode spec) {
    ArrayNode workloads = (ArrayNode) spec.get("workloads");
    return switch (random.nextInt(6)) {
      case 0 -> {
        spec.putArray("workloads");
        yield run(seed, random, "no workloads", spec, List.of("workloads must list at least one GEMM"));
      }
      case 1 -> {
        if (random.nextBoolean()) {
          spec.remove("workloads");
        } else {
          spec.put("workloads", 3);
        }
        yield run(seed, random, "workloads no list", spec, List.of("workloads must be an array of GEMMs"));
      }
      case 2 -> {
        workloads.addObject().put("name", "twice").put("m", 1).put("n", 1).put("k", 1);
        workloads.addObject().put("name", "twice").put("m", 2).put("n", 2).put("k", 2);
        yield run(seed, random, "GEMM name twice", spec, List.of("workloads: the name \"twice\" is used twice"));
      }
      case 3 -> {
        String name = List.of("a/b", "a b", "", "x@y", "..\u00e9").get(random.nextInt(5));
        workloads.addObject().put("name", name).put("m", 1).put("n", 1).put("k", 1);
        yield run(seed, random, "GEMM name no file name", spec, List.of("workloads.name \"" + name
            + "\" must be letters, digits, '.', '-' or '_'"));
      }
      case 4 -> {
        String preset = Misspelling.of(random, PRESETS.get(random.nextInt(PRESETS.size())), PRESETS);
        workloads.addObject().put("preset", preset);
        List<String> expected = new ArrayList<>(List.of("preset must be one of"));
        expected.addAll(PRESETS);
        expected.add("got \"" + preset + "\"");
        yield run(seed, random, "unknown preset", spec, expected);
      }
      default -> {
        workloads.addObject().put("topology", "none.csv");
        yield run(seed, random, "missing topology file", spec, List.of("cannot read topology file "
            + BadInput.DIR + "/none.csv"));
      }
    };
  }

  private static BadInput badAreaOrClock(long seed, Random random, ObjectNode spec) {
    switch (random.nextInt(4)) {
      case 0: {
        String flow = Misspelling.of(random, FLOWS.get(random.nextInt(FLOWS.size())), FLOWS);
        spec.putArray("area").add(flow);
        List<String> expected = new ArrayList<>(List.of("area must list flows from"));
        expected.addAll(FLOWS);
        return run(seed, random, "unknown area flow", spec, expected);
      }
      case 1:
        spec.putArray("area").add("generic").add("generic");
        return run(seed, random, "area flow twice", spec, List.of("area lists a flow twice"));
      case 2:
        spec.put("area", "generic");
        return run(seed, random, "area no list", spec, List.of("area must be an array of flows"));
      default: {
        List<JsonNode> clocks = List.of(NODES.numberNode(0), NODES.numberNode(-250), NODES.numberNode(100_001),
            NODES.numberNode(1e12), NODES.textNode("500"), NODES.booleanNode(true), NODES.nullNode());
        spec.set("clockMhz", clocks.get(random.nextInt(clocks.size())));
        return run(seed, random, "bad clock", spec, List.of("clockMhz must be", "above 0 and at most 100000"));
      }
    }
  }

  /** The spec file malformed, empty or no object. */
  private static BadInput badFile(long seed, Random random, ObjectNode spec) {
    switch (random.nextInt(4)) {
      case 0:
        return file(seed, random, "empty file", List.of("", " ", "\n").get(random.nextInt(3)), List.of(BadInput.FILE
            + ": the file is empty"));
      case 1:
        return file(seed, random, "not an object", List.of("[]", "42", "null", "\"spec\"", "[" + JsonText.render(spec)
            + "]").get(random.nextInt(5)), List.of(BadInput.FILE + ": the top level must be a JSON object"));
      default: {
        JsonText.Malformed malformed = JsonText.malformed(random, JsonText.render(spec));
        List<String> expected = new ArrayList<>(List.of(BadInput.FILE + ": not valid JSON at line "
            + malformed.line() + ","));
        if (malformed.duplicateKey() != null) {
          expected.add("Duplicate field '" + malformed.duplicateKey() + "'");
        }
        return new BadInput(seed, BadInput.SWEEP_RUN, malformed.kind(), runArgs(random, BadInput.DIR + "/new"),
            malformed.bytes(), expected);
      }
    }
  }

  /** -j, --shard, --gemm, --preset, -p or --area given wrong, or flags besides a spec file. */
  private static BadInput badOption(long seed, Random random, ObjectNode spec) {
    List<String> args = new ArrayList<>(List.of("run", "--out", BadInput.DIR + "/new"));
    List<String> flags = new ArrayList<>(List.of("--gemm", "8x6x10"));
    String kind;
    List<String> expected;
    switch (random.nextInt(9)) {
      case 8: {
        List<String> options = List.of("out", "param", "gemm", "preset", "topology", "area", "clock-mhz", "shard",
            "help", "version");
        String option = "--" + Misspelling.of(random, options.get(random.nextInt(options.size())), options);
        kind = "unknown option";
        flags.add(option);
        expected = List.of("Unknown option: '" + option + "'");
        break;
      }
      case 0: {
        BadValue bad = BadValues.integer(random, 1, 1024, false);
        kind = "-j " + bad.kind();
        flags.addAll(List.of("-j", bad.text()));
        expected = List.of("-j", "from 1 to 1024");
        break;
      }
      case 1: {
        int count = random.nextInt(5);
        int index = count + random.nextInt(5);
        kind = "--shard index past the count";
        if (count == 0) {
          kind = "--shard count zero";
          expected = List.of("--shard", "shard count must be from 1 to");
        } else {
          expected = List.of("--shard", "shard index must be from 0 to " + (count - 1) + ", got " + index);
        }
        flags.addAll(List.of("--shard", index + "/" + count));
        break;
      }
      case 2: {
        kind = "--shard not i/N";
        String shard = List.of("x", "1", "1/2/3", "a/b", "", "1/", "/2", "1.5/2", "1 / 2").get(random.nextInt(9));
        flags.addAll(List.of("--shard", shard));
        expected = List.of("--shard", "must be i/N, whole numbers with 0 <= i < N");
        break;
      }
      case 3: {
        kind = "--gemm not MxNxK";
        String gemm = List.of("8x6", "8x6x", "axbxc", "8*6*4", "8x6x4x2", "1234567890x1x1", "", "-1x2x3", "8X6X4")
            .get(random.nextInt(9));
        flags = new ArrayList<>(List.of("--gemm", gemm));
        expected = List.of("--gemm must be MxNxK in whole numbers");
        break;
      }
      case 4: {
        kind = "--gemm out of range";
        int index = random.nextInt(3);
        String[] mnk = {"8", "6", "10"};
        mnk[index] = random.nextBoolean() ? "0" : "" + (MAX_DIMENSION + 1 + random.nextInt(1000));
        flags = new ArrayList<>(List.of("--gemm", String.join("x", mnk)));
        expected = List.of("workloads[0]." + "mnk".charAt(index) + " must be a whole number from 1 to "
            + MAX_DIMENSION);
        break;
      }
      case 5: {
        kind = "unknown --preset";
        String preset = Misspelling.of(random, PRESETS.get(random.nextInt(PRESETS.size())), PRESETS);
        flags = new ArrayList<>(List.of("--preset", preset));
        expected = List.of("preset must be one of", "resnet18", "got \"" + preset + "\"");
        break;
      }
      case 6: {
        kind = "-p not NAME=VALUES";
        flags.addAll(List.of("-p", List.of("rows", "=4", "rows=", "").get(random.nextInt(4))));
        expected = List.of("-p must be NAME=V1,V2,...");
        break;
      }
      default: {
        kind = "spec file and flags";
        args.add(BadInput.FILE);
        expected = List.of("give SPEC.json or the flags", "not both");
        return new BadInput(seed, BadInput.SWEEP_RUN, kind, concat(args, flags), bytes(JsonText.render(spec)), expected);
      }
    }
    return new BadInput(seed, BadInput.SWEEP_RUN, kind, concat(args, flags), null, expected);
  }

  /** A valid spec into an output folder that is below a file, a file, or another sweep's. */
  private static BadInput outputHazard(long seed, Random random, ObjectNode spec) {
    String out;
    String kind;
    List<String> expected;
    switch (random.nextInt(4)) {
      case 0, 1, 2: {
        OutputHazard hazard = OutputHazard.any(random, "sweep");
        kind = hazard.kind();
        out = hazard.out();
        expected = hazard.expected();
        break;
      }
      default:
        kind = "output of another sweep";
        out = BadInput.DIR + "/out";
        expected = List.of("--out " + out + " holds a different sweep");
    }
    return new BadInput(seed, BadInput.SWEEP_RUN, kind, runArgs(random, out), bytes(JsonText.render(spec)), expected);
  }

  /** Merging shards of two sweeps, a folder without one, or into a folder that is below a file or another sweep's. */
  private static BadInput merge(long seed, Random random) {
    String shardA = BadInput.DIR + "/shard-a";
    String shardB = BadInput.DIR + "/shard-b";
    String merged = BadInput.DIR + "/merged";
    return switch (random.nextInt(6)) {
      case 2, 5 -> {
        OutputHazard hazard = random.nextBoolean() ? OutputHazard.belowFile("merged") : OutputHazard.emptyPath();
        yield merge(seed, hazard.kind(), List.of("--out", hazard.out(), shardA), hazard.expected());
      }
      case 0 -> {
        boolean swap = random.nextBoolean();
        String first = swap ? shardB : shardA;
        String second = swap ? shardA : shardB;
        yield merge(seed, "shards of two sweeps", List.of("--out", merged, first, second),
            List.of(second + " holds a different sweep than " + first));
      }
      case 1 -> {
        String folder = random.nextBoolean() ? BadInput.DIR + "/file" : BadInput.DIR + "/out/points";
        yield merge(seed, "folder without a sweep", List.of("--out", merged, folder),
            List.of("cannot read sweep file " + folder + "/spec.json"));
      }
      case 3 -> merge(seed, "output of another sweep", List.of("--out", BadInput.DIR + "/out", shardA),
          List.of("--out " + BadInput.DIR + "/out holds a different sweep"));
      default -> merge(seed, "missing shard", List.of("--out", merged, BadInput.DIR + "/none"),
          List.of("cannot read sweep file " + BadInput.DIR + "/none/spec.json: no such file"));
    };
  }

  private static BadInput merge(long seed, String kind, List<String> args, List<String> expected) {
    return new BadInput(seed, BadInput.SWEEP_MERGE, kind, concat(List.of("merge"), args), null, expected);
  }

  private static BadInput run(long seed, Random random, String kind, ObjectNode spec, List<String> expected) {
    return new BadInput(seed, BadInput.SWEEP_RUN, kind, runArgs(random, BadInput.DIR + "/new"),
        bytes(JsonText.render(spec)), expected);
  }

  /** run SPEC --out OUT, sometimes with harmless -j and --shard. */
  private static List<String> runArgs(Random random, String out) {
    List<String> args = new ArrayList<>(List.of("run", BadInput.FILE, "--out", out));
    if (random.nextBoolean()) {
      args.addAll(List.of("-j", "" + (1 + random.nextInt(4)), "--shard", "0/" + (1 + random.nextInt(3))));
    }
    return args;
  }

  private static BadInput file(long seed, Random random, String kind, String text, List<String> expected) {
    return new BadInput(seed, BadInput.SWEEP_RUN, kind, runArgs(random, BadInput.DIR + "/new"), bytes(text), expected);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
