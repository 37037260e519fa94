package dev.serrano.testbench.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Runs one build or simulator command in a folder, appending the command and its output to a log file. */
public final class ProcessRunner {

  private ProcessRunner() {}

  /** Runs the command; on a non-zero exit throws a {@link BuildException} holding the whole log. */
  public static void run(List<String> command, Path directory, Path log) {
    try {
      Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Process process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new BuildException(command.get(0) + " failed with exit code " + exit + " in " + directory
            + "\n--- build log " + log + " ---\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new BuildException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while running " + command.get(0), e);
    }
  }

  /** Runs a command and returns its standard output, or null when it cannot be started. */
  static String output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.waitFor() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
