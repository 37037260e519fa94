package dev.serrano.testbench.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one build or simulator command in a folder, appending the command and its output to a log file.
 * A command outlives neither the thread waiting for it (interrupted: it is killed with every process
 * it started, such as make's compilers) nor the JVM (a shutdown hook kills what is still running).
 */
public final class ProcessRunner {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProcessRunner::destroyTree),
        "serrano-kill-builds"));
  }

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
      int exit = waitFor(process);
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

  private static int waitFor(Process process) throws InterruptedException {
    RUNNING.add(process);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      destroyTree(process);
      throw e;
    } finally {
      RUNNING.remove(process);
    }
  }

  /** Commands being waited for. */
  static int running() {
    return RUNNING.size();
  }

  /** Kills {@code process} and its descendants, taken before it dies (then they would be init's). */
  private static void destroyTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
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
