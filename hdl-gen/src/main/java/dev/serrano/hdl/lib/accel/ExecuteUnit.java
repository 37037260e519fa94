package dev.serrano.hdl.lib.accel;

import dev.serrano.hdl.core.InstanceBuilder;
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
import dev.serrano.hdl.lib.DelayLine;
import dev.serrano.hdl.lib.Fields;
import dev.serrano.hdl.lib.Queue;
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.array.ArrayConfig;
import dev.serrano.hdl.lib.array.Dataflow;
import dev.serrano.hdl.lib.array.PeArray;

/**
 * {@code execute_...}: the compute path of the accelerator, weight-stationary: scratchpad rows into
 * the PE array, result rows into the accumulator.
 *
 * <p>A command ({@code cmd_*}) computes {@code cmd_rows} result rows. With {@code cmd_preload} it
 * first loads a weight tile: R scratchpad rows from {@code cmd_w_addr}, {@code cmd_w_gap + 1} rows
 * apart (row k at {@code cmd_w_addr + k * (cmd_w_gap + 1)}), row k holding the weights of input
 * element k for the C columns (the array takes them last row first). The gap lets one DMA load
 * bring several column tiles at once: main-memory row k of B lands in consecutive local rows, one
 * per tile, so tile t's row k is {@code nt} rows after its row k - 1.
 * Input row i is scratchpad row {@code cmd_a_addr + i} (its low R elements); its result goes to
 * accumulator row {@code cmd_c_addr + i}, added to it when {@code cmd_accumulate}, else written
 * over it. A command without preload reuses the last tile. So a K-fold of a GEMM is one command,
 * and a GEMM with K > R is its folds with accumulate on all but the first.
 *
 * <p>Commands pass two issue stages, weight reads then input reads; the next command enters the
 * first as soon as the current one moves to the second, so the next tile's weights are read while
 * the current rows stream and wait in the array's second weight buffer (its double buffer). Reads
 * are bounded by credits: an input row is read only when its result has a place in the result
 * queue, so the array (which has no back-pressure) never loses a result. {@code idle} is high when
 * every command taken has handed all its results to the accumulator (whose own write pipeline
 * forwards them to any later read).
 *
 * <p>Completion: {@code done} is high for one cycle per command, in command order, in the cycle
 * after the command has finished (from a register), so a controller can release what the command
 * used while later commands stream. A command with rows finishes in the cycle its last result row
 * moves into the accumulator ({@code acc_valid} and {@code acc_ready}), so its done comes as that
 * write lands: its rows carry a {@code last} tag beside them, and results leave in order, so the
 * dones do too. A command without rows has nothing to tag: it
 * finishes as it enters the input stage, which it does only once its own weight reads are issued
 * and every earlier row is in the accumulator (all credits back), so its done too comes after
 * every earlier one and means the scratchpad rows it reads may be overwritten. That drains the
 * array for such a command, which only a preload without rows needs. {@code done} of the command
 * taken in cycle t comes at cycle t + 2 at the earliest; at most {@link Config#commandsHeld()}
 * commands are taken and not done.
 *
 * <p>Scratchpad side: two read clients ({@code sp_w_*} for weights, {@code sp_a_*} for inputs) with
 * the banked memory's contract (a read moves on valid and ready; its row comes back with
 * {@code data_valid} in the next cycle). Accumulator side: one write client {@code acc_*}.
 */
public final class ExecuteUnit {

  /**
   * @param array the PE array (weight-stationary)
   * @param spAddressWidth scratchpad row address bits
   * @param spRowWidth scratchpad row bits (at least R x input and C x weight bits)
   * @param accAddressWidth accumulator row address bits
   */
  public record Config(ArrayConfig array, int spAddressWidth, int spRowWidth, int accAddressWidth) {
    public Config {
      if (array.dataflow() != Dataflow.WS) {
        throw new ConfigException("dataflow must be ws for the execute unit, got " + array.dataflow());
      }
      ConfigException.requireRange("spAddressWidth", spAddressWidth, 1, 32);
      ConfigException.requireRange("accAddressWidth", accAddressWidth, 1, 32);
      int needed = Math.max(array.rows() * array.input().width(), array.cols() * array.weight().width());
      ConfigException.requireRange("spRowWidth", spRowWidth, needed, 65536);
    }

    ResetStyle reset() {
      return array.reset();
    }

    /** Result rows in flight: the array's latency plus room to keep it full. */
    int resultQueueDepth() {
      int latency = array.tileRowCount() + array.tileColCount() - 1;
      return Integer.highestOneBit(latency + 8) * 2;
    }

    /**
     * Commands taken and not yet done, at most: one waiting, one reading inputs, one per row in
     * flight and one whose done is in its register (a command without rows is done as it leaves
     * the waiting stage).
     */
    public int commandsHeld() {
      return resultQueueDepth() + 3;
    }

    int weightQueueDepth() {
      return Math.max(2, Integer.highestOneBit(Math.max(1, array.rows() - 1)) * 2);
    }

    public String moduleName() {
      return "execute_" + PeArray.moduleName(array).replaceFirst("^pe_array_", "") + "_sp" + spAddressWidth + "x"
          + spRowWidth + "_acc" + accAddressWidth;
    }
  }

  private ExecuteUnit() {}

  public static Module build(Config config) {
    ArrayConfig array = config.array();
    int rows = array.rows();
    int cols = array.cols();
    int inBits = rows * array.input().width();
    int wBits = cols * array.weight().width();
    int outBits = cols * array.accWidth();
    int spAw = config.spAddressWidth();
    int accAw = config.accAddressWidth();
    ModuleBuilder b = new ModuleBuilder(config.moduleName(), ExecuteUnit.class)
        .describe("weight-stationary execute unit: scratchpad rows through a " + rows + " x " + cols
            + " PE array into the accumulator")
        .parameter("rows", rows)
        .parameter("cols", cols)
        .parameter("spAddressWidth", spAw)
        .parameter("spRowWidth", config.spRowWidth())
        .parameter("accAddressWidth", accAw)
        .parameter("reset", Resets.parameterValue(config.reset()));
    b.clockAndReset(config.reset());
    b.group("commands");
    Signal cmdValid = b.input("cmd_valid", Type.BIT);
    Net cmdReady = b.output("cmd_ready", Type.BIT);
    Signal cmdPreload = b.input("cmd_preload", Type.BIT);
    Signal cmdWAddr = b.input("cmd_w_addr", Type.unsigned(spAw));
    Signal cmdWGap = b.input("cmd_w_gap", Type.unsigned(CommandFormat.weightGapWidth(spAw)));
    Signal cmdAAddr = b.input("cmd_a_addr", Type.unsigned(spAw));
    Signal cmdRows = b.input("cmd_rows", Type.unsigned(16));
    Signal cmdCAddr = b.input("cmd_c_addr", Type.unsigned(accAw));
    Signal cmdAccumulate = b.input("cmd_accumulate", Type.BIT);
    Net idle = b.output("idle", Type.BIT);
    Net done = b.output("done", Type.BIT);
    b.group("scratchpad: weight reads");
    Net spWValid = b.output("sp_w_valid", Type.BIT);
    Signal spWReady = b.input("sp_w_ready", Type.BIT);
    Net spWAddr = b.output("sp_w_addr", Type.unsigned(spAw));
    Signal spWDataValid = b.input("sp_w_data_valid", Type.BIT);
    Signal spWData = b.input("sp_w_data", Type.unsigned(config.spRowWidth()));
    b.group("scratchpad: input reads");
    Net spAValid = b.output("sp_a_valid", Type.BIT);
    Signal spAReady = b.input("sp_a_ready", Type.BIT);
    Net spAAddr = b.output("sp_a_addr", Type.unsigned(spAw));
    Signal spADataValid = b.input("sp_a_data_valid", Type.BIT);
    Signal spAData = b.input("sp_a_data", Type.unsigned(config.spRowWidth()));
    b.group("accumulator writes");
    Net accValid = b.output("acc_valid", Type.BIT);
    Signal accReady = b.input("acc_ready", Type.BIT);
    Net accAddr = b.output("acc_addr", Type.unsigned(accAw));
    Net accData = b.output("acc_data", Type.unsigned(outBits));
    Net accAccumulate = b.output("acc_accumulate", Type.BIT);

    // Two issue stages: a command's weight reads, then its input reads. A command takes the weight
    // stage as soon as the previous one has left it, so its tile is read while older rows stream.
    Reg weightsLeft = b.reg("weights_left_q", Type.unsigned(Bits.bitsFor(rows))).resetTo(0);
    Reg weightAddr = b.reg("weight_addr_q", Type.unsigned(spAw)).resetTo(0);
    Reg waiting = b.reg("waiting_q", Type.BIT).resetTo(0);
    Reg nextRows = b.reg("next_rows_q", Type.unsigned(16)).resetTo(0);
    Reg nextInputAddr = b.reg("next_input_addr_q", Type.unsigned(spAw)).resetTo(0);
    Reg nextResultAddr = b.reg("next_result_addr_q", Type.unsigned(accAw)).resetTo(0);
    Reg nextAccumulate = b.reg("next_accumulate_q", Type.BIT).resetTo(0);
    Reg nextFirst = b.reg("next_first_q", Type.BIT).resetTo(0);
    Reg rowsLeft = b.reg("rows_left_q", Type.unsigned(16)).resetTo(0);
    Reg inputAddr = b.reg("input_addr_q", Type.unsigned(spAw)).resetTo(0);
    Reg resultAddr = b.reg("result_addr_q", Type.unsigned(accAw)).resetTo(0);
    Reg accumulate = b.reg("accumulate_q", Type.BIT).resetTo(0);
    Reg firstPending = b.reg("first_pending_q", Type.BIT).resetTo(0);
    Value take = b.wire("take", cmdValid.and(weightsLeft.eq(0)).and(waiting.not()));
    cmdReady.assign(weightsLeft.eq(0).and(waiting.not()));
    // A command without rows moves on, and is done, once its weight reads and every earlier row are.
    Net resultPathEmpty = b.wire("result_path_empty", Type.BIT);
    Value start = b.wire("start_rows", waiting.and(rowsLeft.eq(0))
        .and(nextRows.ne(0).or(weightsLeft.eq(0).and(resultPathEmpty))));
    waiting.next(take.or(waiting.and(start.not())));
    nextRows.next(cmdRows).enable(take);
    nextInputAddr.next(cmdAAddr).enable(take);
    nextResultAddr.next(cmdCAddr).enable(take);
    nextAccumulate.next(cmdAccumulate).enable(take);
    nextFirst.next(cmdPreload).enable(take);
    Value issuing = b.wire("issuing", weightsLeft.ne(0).or(waiting).or(rowsLeft.ne(0)));

    // Weight reads, last row of the tile first, as far as the weight queue has room.
    int wDepth = config.weightQueueDepth();
    Reg wCredits = b.reg("weight_credits_q", Type.unsigned(Bits.bitsFor(wDepth))).resetTo(wDepth);
    Value wIssue = b.wire("weight_issue", weightsLeft.ne(0).and(wCredits.ne(0)));
    Value wRead = b.wire("weight_read", wIssue.and(spWReady));
    spWValid.assign(wIssue);
    spWAddr.assign(weightAddr);
    weightsLeft.next(Value.mux(take, Value.mux(cmdPreload, Bits.constant(rows, weightsLeft.width()),
        Bits.constant(0, weightsLeft.width())), weightsLeft.sub(1))).enable(take.or(wRead));
    // The tile is read last row first: from w_addr + (R - 1) * step down by step.
    Value cmdWStep = b.wire("cmd_w_step", cmdWGap.zext(spAw).add(Bits.constant(1, spAw), spAw));
    Reg weightStep = b.reg("weight_step_q", Type.unsigned(spAw)).resetTo(1).enable(take).next(cmdWStep);
    Value lastWeightRow = cmdWAddr.add(cmdWStep.mul(Bits.constant(rows - 1, spAw), spAw), spAw);
    weightAddr.next(Value.mux(take, lastWeightRow, weightAddr.sub(weightStep, spAw))).enable(take.or(wRead));
    Net wPop = b.wire("weight_pop", Type.BIT);
    Queue weights = Queue.of(b, "weights", wBits, wDepth, config.reset(), spWDataValid,
        spWData.slice(wBits - 1, 0), wPop);
    Counters.upDown(wCredits, wPop, wRead);

    // Input reads, each holding a place for its result.
    int rDepth = config.resultQueueDepth();
    Reg credits = b.reg("result_credits_q", Type.unsigned(Bits.bitsFor(rDepth))).resetTo(rDepth);
    // Rows read alongside their tile's weights: a first row waits in the queue until the array has the tile.
    Value aIssue = b.wire("input_issue", rowsLeft.ne(0).and(credits.ne(0)));
    Value aRead = b.wire("input_read", aIssue.and(spAReady));
    spAValid.assign(aIssue);
    spAAddr.assign(inputAddr);
    rowsLeft.next(Value.mux(start, nextRows, rowsLeft.sub(1))).enable(start.or(aRead));
    inputAddr.next(Value.mux(start, nextInputAddr, inputAddr.add(1))).enable(start.or(aRead));
    resultAddr.next(Value.mux(start, nextResultAddr, resultAddr.add(1))).enable(start.or(aRead));
    accumulate.next(nextAccumulate).enable(start);
    firstPending.next(Value.mux(start, nextFirst, Bits.constant(0, 1))).enable(start.or(aRead));

    // The row's tag waits one cycle for its data, then both queue for the array.
    Fields tagFields = new Fields().add("first", 1).add("addr", accAw).add("accumulate", 1).add("last", 1);
    Reg tag = b.reg("input_tag_q", Type.unsigned(tagFields.width())).resetTo(0).enable(aRead)
        .next(tagFields.pack(firstPending, resultAddr, accumulate, rowsLeft.eq(1)));
    Net inPop = b.wire("input_pop", Type.BIT);
    Queue inputs = Queue.of(b, "inputs", tagFields.width() + inBits, rDepth, config.reset(), spADataValid,
        Value.concat(tag, spAData.slice(inBits - 1, 0)), inPop);
    if (config.spRowWidth() > inBits || config.spRowWidth() > wBits) {
      // A scratchpad row as wide as the wider of an input row and a weight row: the narrower uses its low bits.
      b.wire("unused_sp_high_bits", Value.concat(
          config.spRowWidth() > wBits ? spWData.slice(config.spRowWidth() - 1, wBits) : Bits.constant(0, 1),
          config.spRowWidth() > inBits ? spAData.slice(config.spRowWidth() - 1, inBits) : Bits.constant(0, 1)));
    }
    Value inputTag = b.wire("input_tag", inputs.outData().slice(tagFields.width() + inBits - 1, inBits));

    // The array, and the tags of the rows inside it.
    Net arrayInReady = b.wire("array_in_ready", Type.BIT);
    Net arrayWReady = b.wire("array_w_ready", Type.BIT);
    Net outValid = b.wire("array_out_valid", Type.BIT);
    Net outC = b.wire("array_out_c", Type.unsigned(outBits));
    InstanceBuilder u = b.instance("u_array", PeArray.build(array));
    Queue.connectClockAndReset(b, u, config.reset());
    u.connect("en", Bits.constant(1, 1))
        .connect("in_valid", inputs.outValid())
        .connect("in_ready", arrayInReady)
        .connect("in_first", tagFields.get(inputTag, "first"))
        .connect("in_a", inputs.outData().slice(inBits - 1, 0))
        .connect("in_d", Bits.constant(0, outBits))
        .connect("w_valid", weights.outValid())
        .connect("w_ready", arrayWReady)
        .connect("w_row", weights.outData())
        .connect("out_valid", outValid)
        .connect("out_c", outC);
    inPop.assign(inputs.outValid().and(arrayInReady));
    wPop.assign(weights.outValid().and(arrayWReady));
    // The array has no back-pressure and a fixed latency, so each row's tag travels beside it in registers.
    int latency = array.tileRowCount() + array.tileColCount() - 1;
    Value outTag = b.wire("output_tag", DelayLine.delay(b, "tag", inputTag, latency, Bits.constant(1, 1), false));

    // Results queue for the accumulator, which may be busy with another client.
    Net resultPop = b.wire("result_pop", Type.BIT);
    Queue results = Queue.of(b, "results", tagFields.width() + outBits, rDepth, config.reset(), outValid,
        Value.concat(outTag, outC), resultPop);
    Value resultTag = b.wire("result_tag", results.outData().slice(tagFields.width() + outBits - 1, outBits));
    accValid.assign(results.outValid());
    accAddr.assign(tagFields.get(resultTag, "addr"));
    accData.assign(results.outData().slice(outBits - 1, 0));
    accAccumulate.assign(tagFields.get(resultTag, "accumulate"));
    resultPop.assign(results.outValid().and(accReady));
    Counters.upDown(credits, resultPop, aRead);
    resultPathEmpty.assign(credits.eq(rDepth));
    // Never both in one cycle: a command without rows starts only with no result left to write.
    done.assign(b.reg("done_q", Type.BIT).resetTo(0)
        .next(resultPop.and(tagFields.get(resultTag, "last")).or(start.and(nextRows.eq(0)))));
    b.wire("unused_queues", Value.concat(weights.inReady(), inputs.inReady(),
        results.inReady(), tagFields.get(resultTag, "first")));

    idle.assign(issuing.not().and(resultPathEmpty).and(wCredits.eq(wDepth)));
    return b.build();
  }
}
