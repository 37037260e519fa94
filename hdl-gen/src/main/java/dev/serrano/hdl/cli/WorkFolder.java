package dev.serrano.hdl.cli;

import dev.serrano.hdl.emit.EmittedDesign;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The folder a tool command generates into and leaves its reports in, shared by synth and pnr. */
final class WorkFolder {
  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
      description = "work folder: the generated RTL, the tools' netlists, logs and reports")
  Path out;

  @Option(names = "--force", description = "replace an existing non-empty work folder")
  boolean force;

  /** Writes {@code files} as the folder's content (see {@link SerranoCli#write}) and returns the folder. */
  Path write(EmittedDesign files) {
    SerranoCli.write(files, "--out", out, force);
    return out;
  }
}
