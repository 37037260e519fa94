package dev.serrano.hdl.cli;

import dev.serrano.hdl.checks.CheckFailedException;
import dev.serrano.hdl.emit.ClockTargets;
import dev.serrano.hdl.emit.Constraints;
import dev.serrano.hdl.emit.EmittedDesign;
import dev.serrano.hdl.Generator;
import dev.serrano.hdl.emit.OutputWriter;
import dev.serrano.hdl.ir.Design;
import dev.serrano.hdl.lib.Catalog;
import dev.serrano.hdl.tools.RtlLint;
import dev.serrano.hdl.tools.ToolMissingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serrano}: the command line. Exit codes: 0 success, 2 bad input (nothing written), 1 internal error. */
@Command(name = "serrano", mixinStandardHelpOptions = true, versionProvider = SerranoCli.Version.class,
    description = "Generates inference-accelerator hardware as Verilog.",
    subcommands = {SerranoCli.Generate.class, SerranoCli.ListTops.class, SerranoCli.Lint.class, SynthCommand.class,
        PnrCommand.class})
public final class SerranoCli implements Runnable {
  static final int USAGE_ERROR = 2;

  @Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** Runs the command line with the given output streams (for tests and {@code scripts/fuzz --bad-input}). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = newCommandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new SerranoCli());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UsageException || e instanceof IllegalArgumentException) {
        cmd.getErr().println("serrano: " + e.getMessage());
        return USAGE_ERROR;
      }
      if (e instanceof ToolMissingException) {
        cmd.getErr().println("serrano: " + e.getMessage());
        return 1;
      }
      if (e instanceof CheckFailedException) {
        cmd.getErr().println("serrano: " + e.getMessage());
        return USAGE_ERROR;
      }
      throw e;
    });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: generate or list");
  }

  @Command(name = "generate", description = "Generates a top's Verilog, file list and interface JSON into a folder.")
  static final class Generate implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DesignSelection selection;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "output folder")
    Path out;

    @Option(names = "--force", description = "replace an existing non-empty output folder (and constraints folder)")
    boolean force;

    @Option(names = "--constraints", paramLabel = "DIR",
        description = "also write <top>.sdc, <top>.xdc and the iCE40 board build <top>_ice40.v/.pcf into DIR")
    Path constraints;

    @Option(names = "--clock-mhz", paramLabel = "MHZ", description = "the clock target of every constraint file"
        + " (default: 500 for ASIC, 250 for Xilinx, 24 for iCE40); does not change the Verilog")
    Double clockMhz;

    @Override
    public Integer call() throws IOException {
      if (clockMhz != null && constraints == null) {
        throw new UsageException("--clock-mhz sets the clock of the constraints: pass --constraints DIR too");
      }
      ClockTargets targets = clockMhz == null ? ClockTargets.DEFAULTS : ClockTargets.all(clockMhz);
      // Both folders are checked before the design is built (which can take long) and before either is
      // written: a bad --constraints must not leave --out written.
      onFolder("--out", out, () -> OutputWriter.requireWritable(out, force));
      if (constraints != null) {
        onFolder("--constraints", constraints, () -> OutputWriter.requireWritable(constraints, force));
        requireApart(out, constraints);
      }
      Design design = selection.design();
      EmittedDesign emitted = EmittedDesign.of(design);
      EmittedDesign constraintFiles = constraints == null ? null
          : new EmittedDesign(emitted.top(), Constraints.emit(design, targets));
      write(emitted, "--out", out, force);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("generated " + emitted.top() + " into " + out + ":");
      emitted.files().forEach((name, text) -> stdout.printf("  %-40s %7d bytes%n", name, text.length()));
      if (constraintFiles != null) {
        write(constraintFiles, "--constraints", constraints, force);
        stdout.println("constraints into " + constraints + ":");
        constraintFiles.files().forEach((name, text) -> stdout.printf("  %-40s %7d bytes%n", name, text.length()));
      }
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the tops and their parameters.")
  static final class ListTops implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter stdout = spec.commandLine().getOut();
      int width = Catalog.tops().keySet().stream().mapToInt(String::length).max().orElse(0);
      String indent = " ".repeat(width + 1);
      Catalog.tops().values().forEach(t -> stdout.printf("%-" + width + "s %s%n%sparameters: %s%n", t.name(),
          t.description(), indent, t.parameterHelp()));
      return 0;
    }
  }

  @Command(name = "lint", description = "Runs verilator -Wall, iverilog -g2005 and yosys check on generated folders.")
  static final class Lint implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "DIR", arity = "1..*", description = "folders holding a <top>.f")
    List<Path> folders;

    @Override
    public Integer call() {
      PrintWriter stdout = spec.commandLine().getOut();
      boolean clean = true;
      for (Path folder : folders) {
        for (RtlLint.Result result : RtlLint.run(folder)) {
          stdout.printf("%-9s %-4s %s%n", result.tool(), result.passed() ? "ok" : "FAIL", folder);
          if (!result.passed()) {
            stdout.print(result.output().indent(4));
            clean = false;
          }
        }
      }
      return clean ? 0 : 1;
    }
  }

  /** Writes {@code emitted} into {@code folder}, given by {@code option}, which an error names. */
  static void write(EmittedDesign emitted, String option, Path folder, boolean force) {
    onFolder(option, folder, () -> OutputWriter.write(emitted, folder, force));
  }

  /** Writing one folder replaces the other when they are the same or one holds the other. */
  private static void requireApart(Path out, Path constraints) {
    Path a = out.toAbsolutePath().normalize();
    Path b = constraints.toAbsolutePath().normalize();
    if (a.startsWith(b) || b.startsWith(a)) {
      throw new UsageException("--constraints " + constraints + " and --out " + out + " must be separate folders"
          + " (neither the same as nor inside the other): writing one would replace the other");
    }
  }

  /** Something done to an output folder that may fail with an I/O error. */
  private interface FolderAction {
    void run() throws IOException;
  }

  /** Runs {@code action} on {@code folder}, given by {@code option}; an I/O error is bad input naming both. */
  private static void onFolder(String option, Path folder, FolderAction action) {
    try {
      action.run();
    } catch (FileSystemException e) {
      throw new UsageException(option + " " + folder + ": " + (e.getReason() != null ? e.getReason()
          : "cannot write the output folder (" + e + ")"));
    } catch (IOException e) {
      throw new UsageException(option + " " + folder + ": cannot write the output folder (" + e + ")");
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Generator.nameAndVersion()};
    }
  }
}
