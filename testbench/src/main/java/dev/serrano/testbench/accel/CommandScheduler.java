package dev.serrano.testbench.accel;

import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.testbench.accel.Command.Compute;
import dev.serrano.testbench.accel.Command.Fence;
import dev.serrano.testbench.accel.Command.Transfer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The controller's dispatch at command level. Commands enter in program order into the LOAD,
 * COMPUTE and STORE queues, each holding {@code queueDepth + 1} (the FIFO and its output register);
 * a FENCE enters only when all three are empty. A queue's head starts when every token it pops is
 * available, taking them; here it completes at the same moment, pushing its tokens, since only the
 * order of starts matters for deadlock and results. Which of the enabled steps happens next is the
 * {@link Policy}'s choice, so one program can be run under many timings.
 *
 * <p>Faults ({@link ProgramFault}): no step enabled before the program ends (the hardware would
 * wait forever), and a push onto a counter already at {@code maxTokens} (the hardware loses it).
 */
public final class CommandScheduler {

  /** Token counters, indexed by direction. */
  private static final int LOAD_TO_COMPUTE = 0;
  private static final int COMPUTE_TO_LOAD = 1;
  private static final int COMPUTE_TO_STORE = 2;
  private static final int STORE_TO_COMPUTE = 3;
  private static final String[] DIRECTION_NAMES = {"LOAD->COMPUTE", "COMPUTE->LOAD", "COMPUTE->STORE",
      "STORE->COMPUTE"};
  private static final int NONE = -1;

  /** A queue and the counters its flags address; flags towards a missing stage have none. */
  public enum Stage {
    LOAD(NONE, COMPUTE_TO_LOAD, NONE, LOAD_TO_COMPUTE),
    COMPUTE(LOAD_TO_COMPUTE, STORE_TO_COMPUTE, COMPUTE_TO_LOAD, COMPUTE_TO_STORE),
    STORE(COMPUTE_TO_STORE, NONE, STORE_TO_COMPUTE, NONE);

    private final int popPrev;
    private final int popNext;
    private final int pushPrev;
    private final int pushNext;

    Stage(int popPrev, int popNext, int pushPrev, int pushNext) {
      this.popPrev = popPrev;
      this.popNext = popNext;
      this.pushPrev = pushPrev;
      this.pushNext = pushNext;
    }

    private List<Integer> pops(Tokens t) {
      return counters(t.popPrev() ? popPrev : NONE, t.popNext() ? popNext : NONE);
    }

    private List<Integer> pushes(Tokens t) {
      return counters(t.pushPrev() ? pushPrev : NONE, t.pushNext() ? pushNext : NONE);
    }

    private static List<Integer> counters(int a, int b) {
      List<Integer> list = new ArrayList<>();
      for (int c : new int[] {a, b}) {
        if (c != NONE) {
          list.add(c);
        }
      }
      return list;
    }
  }

  /** A step the controller can take: the next command into its queue, or a queue's head starting. */
  public sealed interface Step {
    record Intake() implements Step {}

    record Start(Stage stage) implements Step {}
  }

  /** Picks the next step among the enabled ones (never empty). */
  public interface Policy {
    Step choose(List<Step> enabled);
  }

  public static Policy random(Random random) {
    return enabled -> enabled.get(random.nextInt(enabled.size()));
  }

  /**
   * Starts commands of {@code stage} only when nothing else can move: its pops come as late and
   * its neighbours' pushes as early as any timing allows, so the tokens towards it pile up highest.
   */
  public static Policy starving(Stage stage) {
    Step starved = new Step.Start(stage);
    return enabled -> enabled.stream().filter(s -> !s.equals(starved)).findFirst().orElse(starved);
  }

  /** The highest value each counter reached and what is left at the end. */
  public record Result(TokenCounts peak, TokenCounts left) {}

  private final List<Command> program;
  private final int maxTokens;
  private final int queueCapacity;
  private final Map<Stage, ArrayDeque<Integer>> queues = new EnumMap<>(Stage.class);
  private final int[] tokens = new int[4];
  private final int[] peak = new int[4];
  private int next;

  private CommandScheduler(List<Command> program, int maxTokens, int queueDepth) {
    ConfigException.requireRange("maxTokens", maxTokens, 1, 255);
    ConfigException.requirePowerOfTwo("queueDepth", queueDepth, 2, 1024);
    this.program = program;
    this.maxTokens = maxTokens;
    this.queueCapacity = queueDepth + 1;
    for (Stage s : Stage.values()) {
      queues.put(s, new ArrayDeque<>());
    }
  }

  /**
   * Dispatches {@code program} to the end under {@code policy}; {@code start} is told the program
   * index of every LOAD, COMPUTE and STORE as it starts.
   */
  public static Result run(List<Command> program, int maxTokens, int queueDepth, Policy policy, IntConsumer start) {
    CommandScheduler s = new CommandScheduler(program, maxTokens, queueDepth);
    while (s.next < program.size() || s.queues.values().stream().anyMatch(q -> !q.isEmpty())) {
      List<Step> enabled = s.enabledSteps();
      if (enabled.isEmpty()) {
        throw new ProgramFault(s.deadlockReport());
      }
      Step step = policy.choose(enabled);
      if (step instanceof Step.Start st) {
        start.accept(s.startHead(st.stage()));
      } else {
        s.intake();
      }
    }
    return new Result(TokenCounts.of(s.peak), TokenCounts.of(s.tokens));
  }

  private static Stage stageOf(Command command) {
    if (command instanceof Compute) {
      return Stage.COMPUTE;
    }
    return ((Transfer) command).opcode() == Opcode.LOAD ? Stage.LOAD : Stage.STORE;
  }

  private boolean canIntake() {
    if (next >= program.size()) {
      return false;
    }
    Command command = program.get(next);
    if (command instanceof Fence) {
      return queues.values().stream().allMatch(ArrayDeque::isEmpty);
    }
    return queues.get(stageOf(command)).size() < queueCapacity;
  }

  private void intake() {
    Command command = program.get(next);
    if (!(command instanceof Fence)) {
      queues.get(stageOf(command)).add(next);
    }
    next++;
  }

  private boolean canStart(Stage stage) {
    Integer head = queues.get(stage).peek();
    return head != null && stage.pops(tokensOf(head)).stream().allMatch(c -> tokens[c] > 0);
  }

  private List<Step> enabledSteps() {
    List<Step> enabled = new ArrayList<>();
    if (canIntake()) {
      enabled.add(new Step.Intake());
    }
    for (Stage stage : Stage.values()) {
      if (canStart(stage)) {
        enabled.add(new Step.Start(stage));
      }
    }
    return enabled;
  }

  private int startHead(Stage stage) {
    int index = queues.get(stage).remove();
    Tokens t = tokensOf(index);
    stage.pops(t).forEach(c -> tokens[c]--);
    for (int c : stage.pushes(t)) {
      if (tokens[c] == maxTokens) {
        throw new ProgramFault("command #" + index + " (" + stage + ") pushes a " + DIRECTION_NAMES[c]
            + " token beyond maxTokens = " + maxTokens + "; the controller would lose it");
      }
      tokens[c]++;
      peak[c] = Math.max(peak[c], tokens[c]);
    }
    return index;
  }

  private Tokens tokensOf(int index) {
    Command command = program.get(index);
    return command instanceof Compute c ? c.tokens() : ((Transfer) command).tokens();
  }

  private String deadlockReport() {
    StringBuilder s = new StringBuilder("deadlock: no command can start;");
    for (Stage stage : Stage.values()) {
      Integer head = queues.get(stage).peek();
      s.append(' ').append(stage).append(head == null ? " queue empty"
          : " head #" + head + " waits for " + stage.pops(tokensOf(head)).stream()
              .filter(c -> tokens[c] == 0).map(c -> DIRECTION_NAMES[c]).toList());
      s.append(';');
    }
    s.append(" next command #").append(next).append(next < program.size() ? " " + program.get(next) : " (none)");
    return s.toString();
  }
}
