package dev.serrano.hdl.cli;

import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that pick a design from the catalog, shared by the commands that build one. */
final class DesignSelection {
  @Option(names = "--top", paramLabel = "NAME", description = "the top to generate (see: serrano list)")
  String top;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a parameter; repeatable; wins over --config")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE", description = "JSON: {\"top\": ..., \"parameters\": {...}}")
  Path config;

  /** The checked-for-parameters design these options name. */
  Design design() {
    GenerationRequest request = GenerationRequest.resolve(config, top, parameters);
    return Catalog.design(request.top(), request.parameters());
  }
}
