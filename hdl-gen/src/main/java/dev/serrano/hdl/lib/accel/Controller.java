package dev.serrano.hdl.lib.accel;

import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.ir.Type;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.ConfigException;
import dev.serrano.hdl.lib.Counters;
import dev.serrano.hdl.lib.Fields;
import dev.serrano.hdl.lib.Queue;
import dev.serrano.hdl.lib.Resets;

/**
 * {@code controller_...}: the command dispatcher of the accelerator. Commands ({@link CommandFormat},
 * 128 bits) go to three queues, LOAD, COMPUTE and STORE, each dispatched in order to its unit (the
 * DMA reader's descriptor port {@code load_desc_*}, the execute unit's {@code exec_cmd_*}, the DMA
 * writer's {@code store_desc_*}); the three run concurrently, ordered only by dependency tokens.
 *
 * <p>Tokens (VTA's scheme): the stages are LOAD, COMPUTE, STORE in that order; four counters hold
 * the tokens load to compute, compute to load, compute to store and store to compute. A command
 * with {@code pop_prev} / {@code pop_next} starts only when the counter from the previous / next
 * stage is non-zero and takes one token as it starts; with {@code push_prev} / {@code push_next} it
 * adds one to the counter towards that stage when it completes. Flags towards a stage that does not
 * exist (LOAD's prev, STORE's next) are ignored. A counter saturates at {@code maxTokens}: a push
 * beyond it is lost, so a legal program never has more than {@code maxTokens} tokens outstanding
 * in one direction.
 *
 * <p>Completion: LOAD and STORE keep one descriptor in flight per engine, so the engine's
 * {@code done} pulse completes the command that started it. COMPUTE commands stream into the
 * execute unit back to back, and issue never waits for completion: the execute unit pulses
 * {@code exec_done} once per command, in command order, and each pulse completes the oldest
 * COMPUTE issued and not yet done. Its push flags wait for that pulse in a FIFO beside the
 * execute unit, so a pushing COMPUTE (every K-fold of a double-buffered GEMM) does not drain the
 * array. At most {@code computeInFlight} COMPUTEs are issued and not done; issue pauses while
 * that many are. An {@code exec_done} comes two cycles after its command's handshake at the
 * earliest (the FIFO's latency); one with no COMPUTE outstanding is ignored.
 *
 * <p>CONFIG goes into the STORE queue and, at its head, pulses {@code config_commit} for one
 * cycle once every earlier STORE has completed (and the tokens it pops are there); it completes in
 * the next cycle. So the post-processing parameters it commits apply to exactly the stores queued
 * after it, while the host prepares the next set in the shadow registers.
 *
 * <p>Input contract: a command moves at a rising edge where {@code cmd_valid} and {@code cmd_ready}
 * are high; {@code cmd_ready} is a combinational function of {@code cmd_data}'s opcode and internal
 * state (the queue the command goes to has room; a FENCE: everything idle; an unknown opcode: always,
 * the command is dropped and {@code error_opcode} stays high until reset). A FENCE is taken when
 * all three queues are empty, no LOAD or STORE is in flight, no COMPUTE waits for its done and the
 * execute unit is idle;
 * {@code fence_done} is high for the one cycle after that. {@code busy} is high while any command
 * is queued or running, a COMPUTE until its {@code exec_done} and {@code exec_idle} (combinational
 * from registers and {@code exec_idle}); {@code <stage>_blocked}
 * while that queue's head could start but waits for a token. Outputs to the units
 * come from the queues' output registers and the controller's own registers, apart from the
 * {@code valid}s, which also see the token counters.
 */
public final class Controller {

  /**
   * @param addressWidth main-memory address bits of the DMA engines, 1 to 32
   * @param localAddressWidth local row address bits of the DMA engines, 1 to 20
   * @param spAddressWidth scratchpad row address bits of the execute unit, 1 to 32
   * @param accAddressWidth accumulator row address bits of the execute unit, 1 to 32
   * @param queueDepth words of each command queue (it holds one more), a power of two, 2 to 1024
   * @param maxTokens the saturation value of each token counter, 1 to 255
   * @param computeInFlight COMPUTEs issued and not yet done at most, 1 to 4096: the execute unit's
   *     {@link ExecuteUnit.Config#commandsHeld()}, so that issue never waits for a streaming array
   * @param reset the reset style
   */
  public record Config(int addressWidth, int localAddressWidth, int spAddressWidth, int accAddressWidth,
      int queueDepth, int maxTokens, int computeInFlight, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("addressWidth", addressWidth, 1, 32);
      ConfigException.requireRange("localAddressWidth", localAddressWidth, 1, 20);
      ConfigException.requireRange("spAddressWidth", spAddressWidth, 1, 32);
      ConfigException.requireRange("accAddressWidth", accAddressWidth, 1, 32);
      ConfigException.requirePowerOfTwo("queueDepth", queueDepth, 2, 1024);
      ConfigException.requireRange("maxTokens", maxTokens, 1, 255);
      ConfigException.requireRange("computeInFlight", computeInFlight, 1, 4096);
    }

    /** The push-flag FIFO's memory: a power of two that holds every COMPUTE in flight. */
    int pushQueueDepth() {
      return Math.max(2, Integer.highestOneBit(computeInFlight - 1) * 2);
    }

    public String moduleName() {
      return "controller_a" + addressWidth + "_l" + localAddressWidth + "_sp" + spAddressWidth + "_acc"
          + accAddressWidth + "_q" + queueDepth + "_t" + maxTokens + "_c" + computeInFlight
          + Resets.nameSuffix(reset);
    }
  }

  /** The command's target, forwarded whole: the engines report the targets they cannot reach. */
  private static final int TARGET_WIDTH = CommandFormat.field("target").width();

  private Controller() {}

  /** The ports of one DMA engine's descriptor interface and its completion. */
  private record DmaPort(Net valid, Signal ready, Net addr, Net rows, Net rowBytes, Net stride, Net target, Net local,
      Signal done) {}

  public static Module build(Config config) {
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), Controller.class)
        .describe("command dispatcher: LOAD, COMPUTE and STORE queues with dependency tokens")
        .parameter("addressWidth", config.addressWidth())
        .parameter("localAddressWidth", config.localAddressWidth())
        .parameter("spAddressWidth", config.spAddressWidth())
        .parameter("accAddressWidth", config.accAddressWidth())
        .parameter("queueDepth", config.queueDepth())
        .parameter("maxTokens", config.maxTokens())
        .parameter("computeInFlight", config.computeInFlight())
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("commands");
    Signal cmdValid = b.input("cmd_valid", Type.BIT);
    Net cmdReady = b.output("cmd_ready", Type.BIT);
    Signal cmdData = b.input("cmd_data", Type.unsigned(CommandFormat.WIDTH));
    b.group("load engine (DMA reader)");
    DmaPort loadPort = dmaPort(b, config, "load");
    b.group("store engine (DMA writer)");
    DmaPort storePort = dmaPort(b, config, "store");
    b.group("execute unit");
    Net execValid = b.output("exec_cmd_valid", Type.BIT);
    Signal execReady = b.input("exec_cmd_ready", Type.BIT);
    Net execPreload = b.output("exec_cmd_preload", Type.BIT);
    Net execWAddr = b.output("exec_cmd_w_addr", Type.unsigned(config.spAddressWidth()));
    Net execWGap = b.output("exec_cmd_w_gap", Type.unsigned(CommandFormat.weightGapWidth(config.spAddressWidth())));
    Net execAAddr = b.output("exec_cmd_a_addr", Type.unsigned(config.spAddressWidth()));
    Net execRows = b.output("exec_cmd_rows", Type.unsigned(16));
    Net execCAddr = b.output("exec_cmd_c_addr", Type.unsigned(config.accAddressWidth()));
    Net execAccumulate = b.output("exec_cmd_accumulate", Type.BIT);
    Signal execIdle = b.input("exec_idle", Type.BIT);
    Signal execDone = b.input("exec_done", Type.BIT);
    b.group("status");
    Net busy = b.output("busy", Type.BIT);
    Net fenceDone = b.output("fence_done", Type.BIT);
    Net errorOpcode = b.output("error_opcode", Type.BIT);
    // A queue's head that could start but waits for a token: the stall causes a profile needs.
    Net loadBlocked = b.output("load_blocked", Type.BIT);
    Net computeBlocked = b.output("compute_blocked", Type.BIT);
    Net storeBlocked = b.output("store_blocked", Type.BIT);
    b.group("configuration");
    Net configCommit = b.output("config_commit", Type.BIT);

    // Decode and enqueue.
    Value opcode = b.wire("cmd_opcode", CommandFormat.get(cmdData, "opcode", CommandFormat.OPCODE_WIDTH));
    Value isLoad = b.wire("cmd_is_load", opcode.eq(CommandFormat.Opcode.LOAD.code));
    Value isStore = b.wire("cmd_is_store", opcode.eq(CommandFormat.Opcode.STORE.code));
    Value isCompute = b.wire("cmd_is_compute", opcode.eq(CommandFormat.Opcode.COMPUTE.code));
    Value isFence = b.wire("cmd_is_fence", opcode.eq(CommandFormat.Opcode.FENCE.code));
    Value isConfig = b.wire("cmd_is_config", opcode.eq(CommandFormat.Opcode.CONFIG.code));
    Value isUnknown = b.wire("cmd_is_unknown", isLoad.or(isStore).or(isCompute).or(isFence).or(isConfig).not());
    // CONFIG travels in the STORE queue: it applies between the stores before and after it.
    Value toStoreQueue = b.wire("cmd_to_store_queue", isStore.or(isConfig));
    Net loadStart = b.wire("load_start", Type.BIT);
    Net storeStart = b.wire("store_start", Type.BIT);
    Net computeStart = b.wire("compute_start", Type.BIT);
    int w = CommandFormat.WIDTH;
    int depth = config.queueDepth();
    ResetStyle reset = config.reset();
    Queue loadQ = Queue.of(b, "load_queue", w, depth, reset, cmdValid.and(isLoad), cmdData, loadStart);
    Queue storeQ = Queue.of(b, "store_queue", w, depth, reset, cmdValid.and(toStoreQueue), cmdData, storeStart);
    Queue computeQ = Queue.of(b, "compute_queue", w, depth, reset, cmdValid.and(isCompute), cmdData, computeStart);
    Net fenceOk = b.wire("fence_ok", Type.BIT);
    cmdReady.assign(isLoad.and(loadQ.inReady()).or(toStoreQueue.and(storeQ.inReady()))
        .or(isCompute.and(computeQ.inReady())).or(isFence.and(fenceOk)).or(isUnknown));
    Value take = b.wire("cmd_take", cmdValid.and(cmdReady));
    // Commands taken and not yet started: a queue offers a word only two edges after taking it.
    Reg loadQueued = queued(b, config, "load", take.and(isLoad), loadStart);
    Reg storeQueued = queued(b, config, "store", take.and(toStoreQueue), storeStart);
    Reg computeQueued = queued(b, config, "compute", take.and(isCompute), computeStart);

    // Token counters, named <from>_to_<to>_tokens_q.
    Net loadDone = b.wire("load_complete", Type.BIT);
    Net storeDone = b.wire("store_complete", Type.BIT);
    Net computeDone = b.wire("compute_complete", Type.BIT);
    Value loadHead = loadQ.outData();
    Value storeHead = storeQ.outData();
    Value computeHead = computeQ.outData();
    Reg loadPushNext = b.reg("load_push_next_q", Type.BIT).resetTo(0).enable(loadStart)
        .next(flag(loadHead, "push_next"));
    Reg storePushPrev = b.reg("store_push_prev_q", Type.BIT).resetTo(0).enable(storeStart)
        .next(flag(storeHead, "push_prev"));
    // The push flags of every COMPUTE issued, oldest first, until its exec_done.
    Fields pushFields = new Fields().add("push_prev", 1).add("push_next", 1);
    Queue computePushes = Queue.of(b, "compute_pushes", pushFields.width(), config.pushQueueDepth(), reset,
        computeStart, pushFields.pack(flag(computeHead, "push_prev"), flag(computeHead, "push_next")), computeDone);
    Value computePushPrev = pushFields.get(computePushes.outData(), "push_prev");
    Value computePushNext = pushFields.get(computePushes.outData(), "push_next");
    Reg loadToCompute = tokens(b, config, "load_to_compute", loadDone.and(loadPushNext),
        computeStart.and(flag(computeHead, "pop_prev")));
    Reg computeToLoad = tokens(b, config, "compute_to_load", computeDone.and(computePushPrev),
        loadStart.and(flag(loadHead, "pop_next")));
    Reg computeToStore = tokens(b, config, "compute_to_store", computeDone.and(computePushNext),
        storeStart.and(flag(storeHead, "pop_prev")));
    Reg storeToCompute = tokens(b, config, "store_to_compute", storeDone.and(storePushPrev),
        computeStart.and(flag(computeHead, "pop_next")));

    // LOAD: one descriptor in flight; its done completes the command.
    Value loadTokensOk = flag(loadHead, "pop_next").not().or(computeToLoad.ne(0));
    Reg loadBusy = b.reg("load_busy_q", Type.BIT).resetTo(0);
    Value loadReady = b.wire("load_head_ready", loadQ.outValid().and(loadBusy.not()));
    loadPort.valid().assign(loadReady.and(loadTokensOk));
    loadBlocked.assign(loadReady.and(loadTokensOk.not()));
    loadStart.assign(loadPort.valid().and(loadPort.ready()));
    loadDone.assign(loadBusy.and(loadPort.done()));
    loadBusy.next(loadStart.or(loadBusy.and(loadPort.done().not())));
    descriptorFields(loadPort, config, loadHead);

    // STORE: the same; a CONFIG at the head commits once every earlier store has completed and
    // completes in the next cycle.
    Value storeTokensOk = flag(storeHead, "pop_prev").not().or(computeToStore.ne(0));
    Reg storeBusy = b.reg("store_busy_q", Type.BIT).resetTo(0);
    Value headIsConfig = b.wire("store_head_is_config",
        CommandFormat.get(storeHead, "opcode", CommandFormat.OPCODE_WIDTH).eq(CommandFormat.Opcode.CONFIG.code));
    Value storeReady = b.wire("store_head_ready", storeQ.outValid().and(storeBusy.not()));
    Value storeCanStart = b.wire("store_can_start", storeReady.and(storeTokensOk));
    storeBlocked.assign(storeReady.and(storeTokensOk.not()));
    storePort.valid().assign(storeCanStart.and(headIsConfig.not()));
    configCommit.assign(storeCanStart.and(headIsConfig));
    storeStart.assign(storePort.valid().and(storePort.ready()).or(configCommit));
    Reg configDone = b.reg("config_done_q", Type.BIT).resetTo(0).next(configCommit);
    storeDone.assign(storeBusy.and(storePort.done()).or(configDone));
    storeBusy.next(storePort.valid().and(storePort.ready()).or(storeBusy.and(storePort.done().not())));
    descriptorFields(storePort, config, storeHead);

    // COMPUTE: commands stream while fewer than computeInFlight wait for their done.
    Value computeTokensOk = flag(computeHead, "pop_prev").not().or(loadToCompute.ne(0))
        .and(flag(computeHead, "pop_next").not().or(storeToCompute.ne(0)));
    Reg computeOutstanding = b.reg("compute_outstanding_q", Type.unsigned(Bits.bitsFor(config.computeInFlight())))
        .resetTo(0);
    Value computeReady = b.wire("compute_head_ready", computeQ.outValid()
        .and(computeOutstanding.ne(config.computeInFlight())));
    execValid.assign(computeReady.and(computeTokensOk));
    computeBlocked.assign(computeReady.and(computeTokensOk.not()));
    computeStart.assign(execValid.and(execReady));
    computeDone.assign(execDone.and(computePushes.outValid()));
    Counters.upDown(computeOutstanding, computeStart, computeDone);
    execPreload.assign(flag(computeHead, "preload"));
    execWAddr.assign(CommandFormat.get(computeHead, "w_addr", config.spAddressWidth()));
    execWGap.assign(CommandFormat.get(computeHead, "w_gap", CommandFormat.weightGapWidth(config.spAddressWidth())));
    execAAddr.assign(CommandFormat.get(computeHead, "a_addr", config.spAddressWidth()));
    execRows.assign(CommandFormat.get(computeHead, "compute_rows", 16));
    execCAddr.assign(CommandFormat.get(computeHead, "c_addr", config.accAddressWidth()));
    execAccumulate.assign(flag(computeHead, "accumulate"));

    // FENCE and status.
    Value allIdle = loadQueued.eq(0).and(loadBusy.not()).and(storeQueued.eq(0)).and(storeBusy.not())
        .and(configDone.not()).and(computeQueued.eq(0)).and(computeOutstanding.eq(0)).and(execIdle);
    fenceOk.assign(allIdle);
    busy.assign(allIdle.not());
    fenceDone.assign(b.reg("fence_done_q", Type.BIT).resetTo(0).next(take.and(isFence)));
    Reg error = b.reg("error_opcode_q", Type.BIT).resetTo(0);
    error.next(Bits.constant(1, 1)).enable(take.and(isUnknown));
    errorOpcode.assign(error);
    // Fields a stage does not use (other opcodes' layouts, high address bits) and the full flags.
    b.wire("unused_queue_words", Value.concat(loadHead, storeHead, computeHead, computePushes.inReady()));
    return b.build();
  }

  private static DmaPort dmaPort(ModuleBuilder b, Config config, String engine) {
    Net valid = b.output(engine + "_desc_valid", Type.BIT);
    Signal ready = b.input(engine + "_desc_ready", Type.BIT);
    Net addr = b.output(engine + "_desc_addr", Type.unsigned(config.addressWidth()));
    Net rows = b.output(engine + "_desc_rows", Type.unsigned(16));
    Net rowBytes = b.output(engine + "_desc_row_bytes", Type.unsigned(20));
    Net stride = b.output(engine + "_desc_stride", Type.unsigned(config.addressWidth()));
    Net target = b.output(engine + "_desc_target", Type.unsigned(TARGET_WIDTH));
    Net local = b.output(engine + "_desc_local", Type.unsigned(config.localAddressWidth()));
    Signal done = b.input(engine + "_done", Type.BIT);
    return new DmaPort(valid, ready, addr, rows, rowBytes, stride, target, local, done);
  }

  private static void descriptorFields(DmaPort port, Config config, Value head) {
    int aw = config.addressWidth();
    port.addr().assign(CommandFormat.get(head, "addr", aw));
    port.rows().assign(CommandFormat.get(head, "rows", 16));
    port.rowBytes().assign(CommandFormat.get(head, "row_bytes", 20));
    port.stride().assign(CommandFormat.get(head, "stride", aw));
    port.target().assign(CommandFormat.get(head, "target", TARGET_WIDTH));
    port.local().assign(CommandFormat.get(head, "local", config.localAddressWidth()));
  }

  private static Value flag(Value head, String name) {
    return CommandFormat.get(head, name, 1);
  }

  /** Commands of one queue taken and not yet started. */
  private static Reg queued(ModuleBuilder b, Config config, String stage, Value in, Value out) {
    int width = Bits.bitsFor(config.queueDepth() + 1L);
    Reg count = b.reg(stage + "_queued_q", Type.unsigned(width)).resetTo(0);
    return Counters.upDown(count, in, out);
  }

  /** A token counter: +1 on push (saturating at maxTokens), -1 on pop (only when non-zero). */
  private static Reg tokens(ModuleBuilder b, Config config, String name, Value push, Value pop) {
    int width = Bits.bitsFor(config.maxTokens());
    Reg count = b.reg(name + "_tokens_q", Type.unsigned(width)).resetTo(0);
    Value up = Value.mux(count.eq(config.maxTokens()), count, count.add(1));
    count.next(Value.mux(push, Value.mux(pop, count, up), count.sub(1))).enable(push.or(pop));
    return count;
  }
}
