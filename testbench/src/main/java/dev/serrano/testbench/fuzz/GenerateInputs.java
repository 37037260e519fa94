package dev.serrano.testbench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serrano.testbench.fuzz.BadValues.BadValue;
import dev.serrano.testbench.fuzz.CatalogRules.Kind;
import dev.serrano.testbench.fuzz.CatalogRules.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bad inputs to {@code serrano generate} (and, for the design's parameters, {@code synth} and
 * {@code pnr}): a valid configuration (a random accelerator or PE array
 * from {@link ConfigurationGenerator}, or any catalog top with its defaults), given as flags or as a
 * JSON file, with one mutation that makes it invalid by construction.
 */
final class GenerateInputs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ConfigurationGenerator CONFIGURATIONS =
      new ConfigurationGenerator(ConfigurationGenerator.Limits.FULL);
  private static final Map<Kind, List<String>> UNKNOWN_VALUES = Map.of(
      Kind.TYPE, List.of("fp16", "s32", "u2", "bf16", "int32", "s", "i8", "float", "uint7", "", " ", "s8s8", "8"),
      Kind.DATAFLOW, List.of("rs", "is", "ws_os", "none", "weight", "", "w s"),
      Kind.RESET, List.of("sometimes", "sync", "async", "high", "low", "sync-high", "", "sync high"),
      Kind.BOOLEAN, List.of("maybe", "yes", "no", "1", "0", "TRUE", "False", "on", "off", "", " "));
  private static final List<String> UNKNOWN_TOPS = List.of("nope", "gpu", "systolic", "pe", "accel", "fifo2",
      "PE_ARRAY", "Fifo", "pe-array", "");
  private static final List<String> CLOCKS = List.of("0", "-5", "2001", "0.5", "1e9", "NaN", "Infinity", "-Infinity");

  private GenerateInputs() {}

  /** A valid top and its parameters, as text. */
  private record Base(String top, Map<String, String> parameters) {}

  /** One input, drawn from {@code random}; {@code seed} names it. */
  static BadInput draw(long seed, Random random) {
    Base base = base(random);
    while (true) {
      BadInput input = switch (random.nextInt(10)) {
        case 0, 1, 2 -> badInteger(seed, random, base);
        case 3 -> unknownValue(seed, random, base);
        case 4 -> unknownName(seed, random, base);
        case 5 -> unknownTop(seed, random, base);
        case 6, 7 -> badFile(seed, random, base);
        case 8 -> random.nextInt(4) == 0 ? lint(seed, random) : outputHazard(seed, random, base);
        default -> outputHazard(seed, random, base);
      };
      if (input != null) {
        return input;
      }
    }
  }

  private static Base base(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return new Base(FuzzCase.ACCELERATOR, CONFIGURATIONS.accelerator(random.nextLong()).parameters());
      case 1:
        return new Base(FuzzCase.PE_ARRAY, CONFIGURATIONS.peArray(random.nextLong()).parameters());
      default:
        List<String> tops = List.copyOf(CatalogRules.TOPS.keySet());
        return new Base(tops.get(random.nextInt(tops.size())), Map.of());
    }
  }

  /** An integer parameter out of its range or no integer. */
  private static BadInput badInteger(long seed, Random random, Base base) {
    List<Rule> rules = CatalogRules.TOPS.get(base.top()).stream().filter(Rule::isInteger).toList();
    if (rules.isEmpty()) {
      return null;
    }
    Rule rule = rules.get(random.nextInt(rules.size()));
    int min = CatalogRules.min(base.top(), rule, base.parameters());
    int max = CatalogRules.max(rule, base.parameters());
    String name = rule.name();
    if (rule.kind() == Kind.TILE && random.nextInt(3) == 0) {
      List<Integer> nonDivisors = new ArrayList<>();
      for (int d = 2; d < max; d++) {
        if (max % d != 0) {
          nonDivisors.add(d);
        }
      }
      if (nonDivisors.isEmpty()) {
        return null;
      }
      int value = nonDivisors.get(random.nextInt(nonDivisors.size()));
      return withValue(seed, random, base, "not dividing", name, "" + value, NODES.numberNode(value),
          List.of(named(name), "divide " + rule.side() + " (" + max + ")"));
    }
    BadValue bad = BadValues.integer(random, min, max, rule.kind() == Kind.POWER_OF_TWO);
    List<String> expected = new ArrayList<>(List.of(named(name)));
    if (rule.kind() == Kind.TILE) {
      expected.add(bad.parsesAsInt() ? "from 1 to " + max : "dividing " + rule.side());
    } else if (rule.kind() == Kind.ACC_WIDTH && !bad.parsesAsInt()) {
      expected.add("to " + max);
    } else {
      expected.add((rule.kind() == Kind.POWER_OF_TWO ? "power of two from " : "from ") + min + " to " + max);
    }
    return withValue(seed, random, base, bad.kind(), name, bad.text(), bad.json(), expected);
  }

  /** An element type, dataflow, reset style or boolean that is none of the allowed values. */
  private static BadInput unknownValue(long seed, Random random, Base base) {
    List<Rule> rules = CatalogRules.TOPS.get(base.top()).stream().filter(rule -> !rule.isInteger()).toList();
    Rule rule = rules.get(random.nextInt(rules.size()));
    List<String> values = UNKNOWN_VALUES.get(rule.kind());
    String value = values.get(random.nextInt(values.size()));
    List<String> expected = new ArrayList<>(List.of(named(rule.name())));
    expected.addAll(CatalogRules.allowed(rule.kind()));
    return withValue(seed, random, base, "unknown " + rule.kind().name().toLowerCase(), rule.name(), value,
        NODES.textNode(value), expected);
  }

  /** A misspelt parameter name or one of another top, given besides the valid ones. */
  private static BadInput unknownName(long seed, Random random, Base base) {
    List<String> known = CatalogRules.names(base.top());
    String name;
    String kind;
    if (random.nextBoolean()) {
      kind = "misspelt parameter";
      name = Misspelling.of(random, known.get(random.nextInt(known.size())), known);
    } else {
      kind = "parameter of another top";
      List<String> others = new ArrayList<>();
      CatalogRules.TOPS.keySet().forEach(top -> CatalogRules.names(top).stream()
          .filter(other -> !known.contains(other) && !others.contains(other)).forEach(others::add));
      name = others.get(random.nextInt(others.size()));
    }
    List<String> expected = new ArrayList<>(List.of("unknown parameter \"" + name + "\" for top " + base.top()));
    expected.addAll(known);
    return withValue(seed, random, base, kind, name, "1", NODES.numberNode(1), expected);
  }

  private static BadInput unknownTop(long seed, Random random, Base base) {
    String top = random.nextBoolean() ? UNKNOWN_TOPS.get(random.nextInt(UNKNOWN_TOPS.size()))
        : Misspelling.of(random, base.top(), List.copyOf(CatalogRules.TOPS.keySet()));
    List<String> expected = new ArrayList<>(List.of("unknown top \"" + top + "\""));
    expected.addAll(CatalogRules.TOPS.keySet());
    return input(seed, random, "unknown top", new Base(top, base.parameters()), Map.of(), expected);
  }

  /** The configuration file malformed, empty, no object, of a wrong JSON type or with an unknown key. */
  private static BadInput badFile(long seed, Random random, Base base) {
    ObjectNode document = document(base, Map.of());
    switch (random.nextInt(6)) {
      case 0, 1: {
        JsonText.Malformed malformed = JsonText.malformed(random, JsonText.render(document));
        List<String> expected = new ArrayList<>(List.of(BadInput.FILE + ":" + malformed.line() + ":", "malformed JSON"));
        if (malformed.duplicateKey() != null) {
          expected.add("Duplicate field '" + malformed.duplicateKey() + "'");
        }
        return fileInput(seed, random, malformed.kind(), malformed.bytes(), expected);
      }
      case 2: {
        String text = List.of("", " ", "\n\n", "\t").get(random.nextInt(4));
        return fileInput(seed, random, "empty file", bytes(text), List.of(BadInput.FILE
            + ": the configuration file is empty"));
      }
      case 3: {
        String text = List.of("[" + JsonText.render(document) + "]", "42", "\"" + base.top() + "\"", "null", "true",
            "[]").get(random.nextInt(6));
        return fileInput(seed, random, "not an object", bytes(text), List.of(BadInput.FILE
            + ": the configuration must be a JSON object"));
      }
      case 4: {
        String key = random.nextBoolean() ? List.of("param", "config", "options", "top_", "").get(random.nextInt(5))
            : Misspelling.of(random, random.nextBoolean() ? "top" : "parameters", List.of("top", "parameters"));
        document.put(key, "x");
        return fileInput(seed, random, "unknown key", bytes(JsonText.render(document)),
            List.of(BadInput.FILE + ": unknown key \"" + key + "\"", "top", "parameters"));
      }
      default:
        return wrongJsonType(seed, random, base, document);
    }
  }

  private static BadInput wrongJsonType(long seed, Random random, Base base, ObjectNode document) {
    List<JsonNode> wrong = List.of(NODES.nullNode(), NODES.arrayNode().add(8), NODES.objectNode().put("v", 8));
    JsonNode value = wrong.get(random.nextInt(wrong.size()));
    List<String> expected;
    switch (random.nextInt(3)) {
      case 0: {
        List<String> names = CatalogRules.names(base.top());
        String name = names.get(random.nextInt(names.size()));
        ((ObjectNode) document.get("parameters")).set(name, value);
        expected = List.of(BadInput.FILE + ": parameter \"" + name + "\" must be a number or a string");
        break;
      }
      case 1:
        document.set("top", random.nextBoolean() ? value : NODES.numberNode(5));
        expected = List.of(BadInput.FILE + ": \"top\" must be a string");
        break;
      default:
        document.set("parameters", random.nextBoolean() ? NODES.arrayNode().add(1) : NODES.textNode("rows=4"));
        expected = List.of(BadInput.FILE + ": \"parameters\" must be an object");
    }
    return fileInput(seed, random, "wrong JSON type", bytes(JsonText.render(document)), expected);
  }

  /** A valid configuration whose output or constraints folder cannot be written, or a bad clock. */
  private static BadInput outputHazard(long seed, Random random, Base base) {
    String out = BadInput.DIR + "/new/rtl";
    List<String> args = new ArrayList<>(List.of("generate", "--top", base.top()));
    base.parameters().forEach((name, value) -> args.addAll(List.of("-p", name + "=" + value)));
    String kind;
    List<String> expected;
    switch (random.nextInt(10)) {
      case 0, 1, 7: {
        OutputHazard hazard = OutputHazard.any(random, "rtl");
        kind = hazard.kind();
        out = hazard.out();
        // Even allowed to replace it, a command must not write a file or the working folder.
        args.add("--force");
        expected = hazard.expected();
        break;
      }
      case 8: {
        kind = "constraints and output not apart";
        String constraints = List.of(out, BadInput.DIR + "/new", out + "/c").get(random.nextInt(3));
        args.addAll(List.of("--constraints", constraints));
        expected = List.of("--constraints " + constraints + " and --out " + out + " must be separate folders");
        break;
      }
      case 9: {
        kind = random.nextBoolean() ? "unknown option" : "option twice";
        if (kind.equals("unknown option")) {
          List<String> options = List.of("out", "force", "constraints", "clock-mhz", "top", "param", "config", "help",
              "version");
          String option = "--" + Misspelling.of(random, options.get(random.nextInt(options.size())), options);
          args.add(option);
          expected = List.of("Unknown option: '" + option + "'");
        } else {
          args.addAll(List.of("--top", base.top()));
          expected = List.of("option '--top' (NAME) should be specified only once");
        }
        break;
      }
      case 2:
        kind = "existing output without --force";
        out = BadInput.DIR + "/out";
        expected = List.of("--out " + out + ": output folder is not empty; pass --force to replace it");
        break;
      case 3:
        kind = "constraints below a file";
        args.addAll(List.of("--constraints", BadInput.DIR + "/file/c"));
        expected = List.of("--constraints " + BadInput.DIR + "/file/c: cannot be created: " + BadInput.DIR
            + "/file is a file, not a folder");
        break;
      case 4:
        kind = "existing constraints without --force";
        args.addAll(List.of("--constraints", BadInput.DIR + "/out"));
        expected = List.of("--constraints " + BadInput.DIR + "/out: output folder is not empty; pass --force");
        break;
      case 5:
        kind = "--clock-mhz without --constraints";
        args.addAll(List.of("--clock-mhz", "100"));
        expected = List.of("--clock-mhz", "pass --constraints");
        break;
      default:
        kind = "clock out of range";
        args.addAll(List.of("--constraints", BadInput.DIR + "/c", "--clock-mhz",
            CLOCKS.get(random.nextInt(CLOCKS.size()))));
        expected = List.of("clock-mhz must be", "from 1 to 2000");
    }
    args.addAll(List.of("--out", out));
    return new BadInput(seed, BadInput.GENERATE, kind, args, null, expected);
  }

  /** The message's start for a bad value of {@code parameter}: the whole name (not tileRows for rows). */
  private static String named(String parameter) {
    return "serrano: " + parameter + " must";
  }

  /** {@code serrano lint} of a folder that holds no generated design, of a regular file or of nothing. */
  private static BadInput lint(long seed, Random random) {
    List<String> folders = List.of(BadInput.DIR + "/out", BadInput.DIR + "/shard-a", BadInput.DIR + "/file",
        BadInput.DIR + "/none");
    int pick = random.nextInt(folders.size());
    String folder = folders.get(pick);
    String expected = folder + (pick < 2 ? ": expected exactly one .f file list, found 0"
        : pick == 2 ? ": is a file, not a folder" : ": no such folder");
    return new BadInput(seed, BadInput.LINT, "lint of no design", List.of("lint", folder), null, List.of(expected));
  }

  /** The base with {@code name} set to a value: its text as a flag, its JSON in a file. */
  private static BadInput withValue(long seed, Random random, Base base, String kind, String name, String text,
      JsonNode json, List<String> expected) {
    Map<String, String> parameters = new LinkedHashMap<>(base.parameters());
    parameters.put(name, text);
    return input(seed, random, kind, new Base(base.top(), parameters), Map.of(name, json), expected);
  }

  /** Flags or a file, at random; {@code json} overrides how a file writes some parameters. */
  private static BadInput input(long seed, Random random, String kind, Base base, Map<String, JsonNode> json,
      List<String> expected) {
    String command = command(random);
    List<String> args = new ArrayList<>(List.of(command.substring("serrano ".length())));
    args.addAll(harmlessOut(random));
    if (random.nextBoolean()) {
      args.addAll(List.of("--top", base.top()));
      base.parameters().forEach((name, value) -> args.addAll(List.of("-p", name + "=" + value)));
      return new BadInput(seed, command, kind, args, null, expected);
    }
    args.addAll(List.of("--config", BadInput.FILE));
    return new BadInput(seed, command, kind, args, bytes(JsonText.render(document(base, json))), expected);
  }

  private static BadInput fileInput(long seed, Random random, String kind, byte[] file, List<String> expected) {
    String command = command(random);
    List<String> args = new ArrayList<>(List.of(command.substring("serrano ".length())));
    args.addAll(harmlessOut(random));
    args.addAll(List.of("--config", BadInput.FILE));
    return new BadInput(seed, command, kind, args, file, expected);
  }

  /** generate most of the time; synth and pnr, which select a design the same way, one time in ten each. */
  private static String command(Random random) {
    int draw = random.nextInt(10);
    return draw == 0 ? BadInput.SYNTH : draw == 1 ? BadInput.PNR : BadInput.GENERATE;
  }

  /** An output folder that is no error of its own: the existing one replaced with --force, or a new one. */
  private static List<String> harmlessOut(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> List.of("--out", BadInput.DIR + "/out", "--force");
      case 1 -> List.of("--out", BadInput.DIR + "/new/rtl");
      default -> List.of("--force", "-o", BadInput.DIR + "/out2");
    };
  }

  /** {"top": ..., "parameters": {...}}: integers as numbers, booleans as booleans, the rest as strings. */
  private static ObjectNode document(Base base, Map<String, JsonNode> json) {
    ObjectNode document = NODES.objectNode().put("top", base.top());
    ObjectNode parameters = document.putObject("parameters");
    base.parameters().forEach((name, value) -> parameters.set(name, json.containsKey(name) ? json.get(name)
        : value.matches("-?[0-9]{1,9}") ? NODES.numberNode(Integer.parseInt(value))
        : value.equals("true") || value.equals("false") ? NODES.booleanNode(Boolean.parseBoolean(value))
        : NODES.textNode(value)));
    return document;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
