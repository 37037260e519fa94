package dev.serrano.testbench.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command ends with the thread that waits for it, and with the JVM: no orphaned compilers. */
class ProcessRunnerTest {
  /** A shell that starts a grandchild, writes its pid and waits: make running a compiler, in small. */
  static final List<String> PARENT_OF_A_SLEEPER = List.of("sh", "-c", "sleep 300 & echo $! > sleeper.pid; wait");

  @TempDir
  Path folder;

  @Test
  void interruptingTheWaitingThreadKillsTheCommandAndWhatItStarted() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiting = new Thread(() -> {
      try {
        ProcessRunner.run(PARENT_OF_A_SLEEPER, folder, folder.resolve("log"));
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    waiting.start();
    long sleeper = awaitPid(folder.resolve("sleeper.pid"));
    assertTrue(ProcessHandle.of(sleeper).isPresent(), "the grandchild runs");
    waiting.interrupt();
    waiting.join(10_000);
    assertFalse(waiting.isAlive());
    assertInstanceOf(BuildException.class, thrown.get());
    assertGone(sleeper);
  }

  @Test
  void aJvmThatExitsDuringACommandTakesTheCommandAndWhatItStartedWithIt() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitDuringCommand.class.getName(), folder.toString())
        .redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, jvm.waitFor(), output);
    assertGone(Long.parseLong(Files.readString(folder.resolve("sleeper.pid")).trim()));
  }

  static long awaitPid(Path file) throws IOException, InterruptedException {
    for (int i = 0; i < 1000 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
      Thread.sleep(10);
    }
    return Long.parseLong(Files.readString(file).trim());
  }

  private static void assertGone(long pid) throws InterruptedException {
    for (int i = 0; i < 500 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(10);
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
  }

  /** Child JVM: runs the command on a thread and exits while it runs. */
  static final class ExitDuringCommand {
    public static void main(String[] args) throws Exception {
      Path folder = Path.of(args[0]);
      Thread command = new Thread(() -> ProcessRunner.run(PARENT_OF_A_SLEEPER, folder, folder.resolve("log")));
      command.setDaemon(true);
      command.start();
      awaitPid(folder.resolve("sleeper.pid"));
      while (ProcessRunner.running() == 0) {
        Thread.sleep(10);  // the command has started but is not registered yet
      }
      System.exit(0);
    }
  }
}
