package dev.serrano.testbench.trace;

import dev.serrano.testbench.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves the traces of a test's simulations when it fails, on request: run the tests with
 * {@code -Dserrano.traces=DIR} and every simulation passed to {@link #record} is recorded; a
 * failing test's traces land in {@code DIR/<class>.<test>-<n>}, and with
 * {@code -Dserrano.traces.all=true} every test's. Without the property nothing is recorded.
 * Replay one with {@code scripts/replay DIR/<class>.<test>-<n>} (docs/hardening.md).
 */
public final class TracesOnFailure implements AfterTestExecutionCallback {
  public static final String FOLDER_PROPERTY = "serrano.traces";
  public static final String ALL_PROPERTY = "serrano.traces.all";

  private final List<TraceRecorder> recorders = new ArrayList<>();

  /** Records {@code sim} (which must not have run a cycle) when traces were asked for; returns it. */
  public Simulation record(Simulation sim) {
    if (System.getProperty(FOLDER_PROPERTY) != null) {
      recorders.add(TraceRecorder.attach(sim));
    }
    return sim;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    String folder = System.getProperty(FOLDER_PROPERTY);
    boolean failed = context.getExecutionException().isPresent();
    if (folder != null && (failed || Boolean.getBoolean(ALL_PROPERTY))) {
      String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName()
          .replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
      for (int i = 0; i < recorders.size(); i++) {
        Path target = Path.of(folder, name + "-" + i);
        try {
          recorders.get(i).save(target);
          System.err.println("trace saved: " + target + " (replay: scripts/replay " + target + ")");
        } catch (RuntimeException e) {
          System.err.println("trace not saved to " + target + ": " + e.getMessage());
        }
      }
    }
    recorders.clear();
  }
}
