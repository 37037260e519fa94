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
import dev.serrano.hdl.lib.Resets;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code gemm_sequencer_...}: the command expander between the register block's command FIFO and
 * the {@link Controller}. Every command passes through unchanged and in order, except the GEMM
 * commands ({@link CommandFormat}): two {@code GEMM_ARGS} words (told apart by {@code args_word})
 * set M, K, A, B, their row pitches and the tiling, and {@code GEMM_START} sets N, C, its pitch,
 * the output type and the accumulator buffers, then expands into the whole GEMM's LOAD, COMPUTE and
 * STORE commands and a closing FENCE: the program the testbench's {@code GemmTiler} writes for that
 * tiling, word for word, dependency tokens and double buffering included. The arguments stay until
 * overwritten, so GEMMs that share them need only their changed words.
 *
 * <p>The walk, in program order: output blocks of {@code block_rows} rows by {@code block_tiles}
 * column tiles (C columns each), block columns inside block rows; per block, each K-fold (R columns
 * of A) is one LOAD of the block's A rows and one LOAD per column tile of weights into the next
 * scratchpad slot, then one COMPUTE per column tile; then one STORE per column tile from the block's
 * accumulator buffer. Addresses advance by additions only; the three products they need per GEMM
 * (block rows times lda and ldc, R times ldb) are formed before the first command, block rows
 * times a pitch by shift and add (at most 16 cycles), and so is the number of tiles of the last
 * block column, which grouped weights (one LOAD of the block's width, COMPUTEs with a weight gap)
 * need: two restoring divisions of 16 cycles each. A fold's weights go to the next slot's weight
 * region. The token flags that depend on what comes
 * later (a fold's last COMPUTE gives a COMPUTE-to-LOAD token only if a fold {@code slots} later
 * exists; a block's last STORE gives a STORE-to-COMPUTE token only if a block {@code acc_buffers}
 * later exists) come from two probes that walk the same loops {@code slots} folds and {@code
 * acc_buffers} blocks ahead; they take that many cycles (at most 255) before the first command too.
 * A GEMM_START with M, N, K, a block size, the slots or the buffers zero emits the FENCE only.
 *
 * <p>Handshakes: a word moves on {@code cmd_valid} and {@code cmd_ready}, and on {@code out_valid}
 * and {@code out_ready}. {@code out_*} is one register: it takes a passed word or the next
 * generated one whenever it is empty or being emptied, so the expansion runs at one command per
 * cycle while the controller takes them. {@code cmd_ready} is high when the sequencer passes words
 * (not expanding) and that register can take one: the only combinational path, from {@code
 * out_ready}; nothing goes from {@code cmd_data} to an output in the same cycle. Words after a
 * GEMM_START wait until its FENCE is in the register. {@code busy} is high while expanding or while
 * a word waits in the register.
 */
public final class GemmSequencer {

  /**
   * @param rows R, the PE array's rows (input elements per row, a K-fold)
   * @param cols C, the PE array's columns (outputs per column tile)
   * @param reset the reset style
   */
  public record Config(int rows, int cols, ResetStyle reset) {
    public Config {
      ConfigException.requireRange("rows", rows, 1, 256);
      ConfigException.requireRange("cols", cols, 1, 256);
    }

    public String moduleName() {
      return "gemm_sequencer_r" + rows + "_c" + cols + Resets.nameSuffix(reset);
    }
  }

  /** Where the expansion is; PASS forwards words, the others emit their phase's commands. */
  private enum Phase {
    PASS, ARM, SETUP, LOAD_A, LOAD_B, COMPUTE, STORE, FENCE
  }

  private static final int PHASE_BITS = 3;
  private static final int SIZE_BITS = 16;
  private static final int ADDRESS_BITS = 32;
  private static final int LEAD_BITS = 8;

  private GemmSequencer() {}

  public static Module build(Config config) {
    return new Builder(config).build();
  }

  /** One elaboration: handshakes and arguments, then the walk, the phases and the output register. */
  private static final class Builder {
    private final Config config;
    private final ModuleBuilder b;
    private final Map<String, Value> args = new LinkedHashMap<>();
    private Reg phase;
    private Value init;
    private Value setup;
    /** block_tiles x C: the columns from one block's first to the next's. */
    private Reg blockColumns;

    Builder(Config config) {
      this.config = config;
      this.b = new ModuleBuilder(config.moduleName(), GemmSequencer.class)
          .describe("GEMM sequencer: passes commands to the controller and expands GEMM_START into the tiled"
              + " LOAD, COMPUTE and STORE program of a " + config.rows() + " x " + config.cols() + " array")
          .parameter("rows", config.rows())
          .parameter("cols", config.cols())
          .parameter("reset", Resets.parameterValue(config.reset()));
    }

    Module build() {
      b.clockAndReset(config.reset());
      b.group("commands from the register block");
      Signal cmdValid = b.input("cmd_valid", Type.BIT);
      Net cmdReady = b.output("cmd_ready", Type.BIT);
      Signal cmdData = b.input("cmd_data", Type.unsigned(CommandFormat.WIDTH));
      b.group("commands to the controller");
      Net outValid = b.output("out_valid", Type.BIT);
      Signal outReady = b.input("out_ready", Type.BIT);
      Net outData = b.output("out_data", Type.unsigned(CommandFormat.WIDTH));
      b.group("status");
      Net busy = b.output("busy", Type.BIT);

      // Input: GEMM words go into the argument registers, the others to the output register.
      phase = b.reg("phase_q", Type.unsigned(PHASE_BITS)).resetTo(Phase.PASS.ordinal());
      Reg outValidQ = b.reg("out_valid_q", Type.BIT).resetTo(0);
      Value outFree = b.wire("out_free", outValidQ.not().or(outReady));
      cmdReady.assign(in(Phase.PASS).and(outFree));
      Value take = b.wire("cmd_take", cmdValid.and(cmdReady));
      Value opcode = CommandFormat.get(cmdData, "opcode", CommandFormat.OPCODE_WIDTH);
      Value isArgs = opcode.eq(Opcode.GEMM_ARGS.code);
      Value isStart = opcode.eq(Opcode.GEMM_START.code);
      Value wordB = CommandFormat.get(cmdData, "args_word", 1);
      Value takeStart = b.wire("take_start", take.and(isStart));
      Value takePass = b.wire("take_pass", take.and(isArgs.or(isStart).not()));
      arguments(cmdData, b.wire("take_args_a", take.and(isArgs).and(wordB.not())), "gemm_m", "gemm_a_addr",
          "gemm_lda", "gemm_block_rows", "gemm_block_tiles");
      arguments(cmdData, b.wire("take_args_b", take.and(isArgs).and(wordB)), "gemm_k", "gemm_b_addr", "gemm_ldb",
          "gemm_slot_stride", "gemm_slots", "gemm_grouped");
      arguments(cmdData, takeStart, "gemm_int8", "gemm_n", "gemm_c_addr", "gemm_ldc", "gemm_acc_buffer_rows",
          "gemm_acc_buffers");

      init = b.wire("init", in(Phase.ARM));
      setup = b.wire("setup", in(Phase.SETUP));
      Value generating = b.wire("generating", in(Phase.LOAD_A).or(in(Phase.LOAD_B)).or(in(Phase.COMPUTE))
          .or(in(Phase.STORE)).or(in(Phase.FENCE)));
      Value emit = b.wire("emit", generating.and(outFree));
      Walk walk = new Walk(emit);
      phases(takeStart, emit, walk);

      outValidQ.next(Value.mux(outFree, takePass.or(emit), outValidQ));
      Reg outDataQ = b.reg("out_data_q", Type.unsigned(CommandFormat.WIDTH)).enable(takePass.or(emit))
          .next(Value.mux(generating, walk.word(), cmdData));
      outValid.assign(outValidQ);
      outData.assign(outDataQ);
      busy.assign(in(Phase.PASS).not().or(outValidQ));
      return b.build();
    }

    /** PASS -> ARM (load the walk) -> SETUP (products, probes) -> the GEMM's phases -> FENCE -> PASS. */
    private void phases(Value takeStart, Value emit, Walk walk) {
      Value next = phase;
      next = Value.mux(in(Phase.PASS).and(takeStart), code(Phase.ARM), next);
      next = Value.mux(init, code(Phase.SETUP), next);
      next = Value.mux(setup.and(walk.setupDone()), Value.mux(walk.degenerate(), code(Phase.FENCE),
          code(Phase.LOAD_A)), next);
      next = Value.mux(in(Phase.LOAD_A).and(emit), code(Phase.LOAD_B), next);
      Value tileEnds = emit.and(walk.phaseEnds());
      next = Value.mux(in(Phase.LOAD_B).and(tileEnds), code(Phase.COMPUTE), next);
      next = Value.mux(in(Phase.COMPUTE).and(tileEnds), Value.mux(walk.main.lastFold, code(Phase.STORE),
          code(Phase.LOAD_A)), next);
      next = Value.mux(in(Phase.STORE).and(tileEnds), Value.mux(walk.main.lastBlock(), code(Phase.FENCE),
          code(Phase.LOAD_A)), next);
      next = Value.mux(in(Phase.FENCE).and(emit), code(Phase.PASS), next);
      phase.next(next);
    }

    private Value in(Phase p) {
      return phase.eq(p.ordinal());
    }

    private static Value code(Phase p) {
      return Bits.constant(p.ordinal(), PHASE_BITS);
    }

    /** A register {@code <field>_q} per field of the GEMM word, loaded when that word is taken. */
    private void arguments(Value word, Value load, String... names) {
      for (String name : names) {
        int width = CommandFormat.field(name).width();
        args.put(name, b.reg(name + "_q", Type.unsigned(width)).enable(load)
            .next(CommandFormat.get(word, name, width)));
      }
    }

    private Value arg(String name) {
      return args.get(name);
    }

    private static Value fit(Value value, int width) {
      if (value.width() == width) {
        return value.asUnsigned();
      }
      return value.width() > width ? value.slice(width - 1, 0) : value.asUnsigned().zext(width);
    }

    /** The registers of the walk: setup, probes, slots and buffers, tiles, addresses; the next word. */
    private final class Walk {
      private final Reg multiplierBits;
      private final Reg divisionSteps = b.reg("division_steps_q", Type.unsigned(6));
      private final Value lastBlockGap;
      private final Reg foldLead;
      private final Reg blockLead;
      private final Position main;
      private final Reg tile;
      private final Value lastTile;
      private final Value phaseEnds;
      private final Value word;

      Walk(Value emit) {
        int r = config.rows();
        int c = config.cols();
        Net foldStep = b.wire("fold_step", Type.BIT);
        Net blockStep = b.wire("block_step", Type.BIT);
        Net tileStep = b.wire("tile_step", Type.BIT);

        // Setup: the products, and the probes sent ahead.
        blockColumns = b.reg("block_columns_q", Type.unsigned(SIZE_BITS + 8));
        blockColumns.enable(init).next(arg("gemm_block_tiles").mul(Bits.constant(c, 9), SIZE_BITS + 8));
        Reg foldBStep = b.reg("fold_b_step_q", Type.unsigned(ADDRESS_BITS));
        foldBStep.enable(init).next(arg("gemm_ldb").mul(Bits.constant(r, 9), ADDRESS_BITS));
        multiplierBits = b.reg("multiplier_bits_q", Type.unsigned(SIZE_BITS));
        multiplierBits.enable(init.or(setup)).next(Value.mux(init, arg("gemm_block_rows"), multiplierBits.shr(1)));
        Value addBit = setup.and(multiplierBits.bit(0));
        Reg blockAStep = shiftAndAdd("lda", addBit);
        Reg blockCStep = shiftAndAdd("ldc", addBit);
        lastBlockGap = lastBlockGap();
        foldLead = lead("fold_probe_lead_q", "gemm_slots");
        blockLead = lead("block_probe_lead_q", "gemm_acc_buffers");
        Value probeFoldStep = b.wire("fold_probe_step", setup.and(foldLead.ne(0)).or(foldStep));
        Value probeBlockStep = b.wire("block_probe_step", setup.and(blockLead.ne(0)).or(blockStep));

        main = new Position("", foldStep, blockStep, false);
        Position foldProbe = new Position("fold_probe_", probeFoldStep, null, true);
        Position blockProbe = new Position("block_probe_", null, probeBlockStep, true);

        // Slots and buffers in rotation.
        Rotation slot = new Rotation("slot", "gemm_slots", "gemm_slot_stride", foldStep, false);
        Value slotsWrapped = slot.wrapped("slots_wrapped_q", foldStep);
        // A fold's weights go to the next slot's weight region: weight and input reads then use
        // different banks. The fold that last used that region is the one whose slot this fold's
        // inputs reuse, so the same token frees both.
        Rotation weightSlot = new Rotation("weight_slot", "gemm_slots", "gemm_slot_stride", foldStep, true);
        Rotation buffer = new Rotation("buffer", "gemm_acc_buffers", "gemm_acc_buffer_rows", blockStep, false);
        Value buffersWrapped = buffer.wrapped("buffers_wrapped_q", blockStep);

        // The block's column tiles: the index and the offsets that grow with it.
        tile = b.reg("tile_q", Type.unsigned(SIZE_BITS));
        Net tileRestart = b.wire("tile_restart", Type.BIT);
        tile.enable(init.or(tileStep)).next(Value.mux(tileRestart, Bits.constant(0, SIZE_BITS), tile.add(1)));
        int columnBits = SIZE_BITS + 10;
        Value tileColumn = b.wire("tile_column", main.column.add(tileOffset("column", Bits.constant(c, 9),
            SIZE_BITS + 8, tileStep, tileRestart), columnBits));
        Value lastOfBlock = tile.add(Bits.constant(1, SIZE_BITS + 1), SIZE_BITS + 1)
            .eq(arg("gemm_block_tiles").zext(SIZE_BITS + 1));
        Value lastOfMatrix = tileColumn.add(Bits.constant(c, 9), columnBits).ge(arg("gemm_n").zext(columnBits));
        lastTile = b.wire("last_tile", lastOfBlock.or(lastOfMatrix));
        // Grouped weights: one LOAD of the block's whole width, tile t's rows interleaved at k * tiles + t.
        Value grouped = arg("gemm_grouped");
        phaseEnds = b.wire("phase_ends", lastTile.or(in(Phase.LOAD_B).and(grouped)));
        tileRestart.assign(init.or(tileStep.and(phaseEnds)));
        Value weightOffset = tileOffset("weight", Value.mux(grouped, Bits.constant(1, 9), Bits.constant(r, 9)),
            SIZE_BITS + 8, tileStep, tileRestart);
        Value accOffset = tileOffset("acc", arg("gemm_block_rows"), ADDRESS_BITS, tileStep, tileRestart);

        tileStep.assign(emit.and(in(Phase.LOAD_B).or(in(Phase.COMPUTE)).or(in(Phase.STORE))));
        foldStep.assign(emit.and(in(Phase.COMPUTE)).and(lastTile));
        blockStep.assign(emit.and(in(Phase.STORE)).and(lastTile));

        // Main-memory rows: A's and C's advance per block row, B's per fold (back to B for a new block).
        Value blockRowStep = blockStep.and(main.lastBlockColumn);
        Reg aRow = b.reg("a_row_addr_q", Type.unsigned(ADDRESS_BITS));
        aRow.enable(init.or(blockRowStep)).next(Value.mux(init, arg("gemm_a_addr"),
            aRow.add(blockAStep, ADDRESS_BITS)));
        Reg cRow = b.reg("c_row_addr_q", Type.unsigned(ADDRESS_BITS));
        cRow.enable(init.or(blockRowStep)).next(Value.mux(init, arg("gemm_c_addr"),
            cRow.add(blockCStep, ADDRESS_BITS)));
        Reg bFold = b.reg("b_fold_addr_q", Type.unsigned(ADDRESS_BITS));
        bFold.enable(init.or(foldStep)).next(Value.mux(init.or(main.lastFold), arg("gemm_b_addr"),
            bFold.add(foldBStep, ADDRESS_BITS)));

        // The sizes of the current piece: the last block row, fold and tile may be partial.
        Value rows = b.wire("block_rows_now", Bits.min(arg("gemm_block_rows"),
            arg("gemm_m").sub(main.row, SIZE_BITS)));
        Value depth = b.wire("fold_depth", fit(Bits.min(Bits.constant(r, 9), arg("gemm_k").sub(main.k, SIZE_BITS)),
            SIZE_BITS));
        Value columns = b.wire("tile_columns", fit(Bits.min(Bits.constant(c, 9),
            arg("gemm_n").sub(fit(tileColumn, SIZE_BITS), SIZE_BITS)), SIZE_BITS));
        Value int8 = arg("gemm_int8");
        Value storeBytes = Value.mux(int8, columns.zext(SIZE_BITS + 2), columns.zext(SIZE_BITS + 2).shl(2));
        Value storeOffset = Value.mux(int8, tileColumn.zext(ADDRESS_BITS), tileColumn.zext(ADDRESS_BITS).shl(2));
        Value weightRow = b.wire("weight_row", weightSlot.base.add(arg("gemm_block_rows"), ADDRESS_BITS)
            .add(weightOffset, ADDRESS_BITS));
        Value accRow = b.wire("acc_row", buffer.base.add(accOffset, ADDRESS_BITS));
        Value firstTile = tile.eq(0);
        Value one = Bits.constant(1, 1);

        Map<String, Value> loadA = new LinkedHashMap<>();
        loadA.put("pop_next", slotsWrapped);
        loadA.put("rows", rows);
        loadA.put("row_bytes", depth);
        loadA.put("local", slot.base);
        loadA.put("addr", aRow.add(main.k, ADDRESS_BITS));
        loadA.put("stride", arg("gemm_lda"));
        Map<String, Value> loadB = new LinkedHashMap<>();
        loadB.put("push_next", phaseEnds);
        loadB.put("rows", depth);
        loadB.put("row_bytes", Value.mux(grouped, fit(Bits.min(arg("gemm_n").sub(main.column, SIZE_BITS),
            blockColumns), SIZE_BITS), columns));
        loadB.put("local", weightRow);
        loadB.put("addr", bFold.add(tileColumn, ADDRESS_BITS));
        loadB.put("stride", arg("gemm_ldb"));
        Map<String, Value> compute = new LinkedHashMap<>();
        compute.put("pop_prev", firstTile);
        compute.put("pop_next", firstTile.and(main.k.eq(0)).and(buffersWrapped));
        compute.put("push_prev", lastTile.and(foldProbe.end.not()));
        compute.put("push_next", lastTile.and(main.lastFold));
        compute.put("preload", one);
        compute.put("accumulate", main.k.ne(0));
        compute.put("compute_rows", rows);
        compute.put("w_addr", weightRow);
        compute.put("w_gap", Value.mux(grouped, Value.mux(main.lastBlockColumn, lastBlockGap,
            arg("gemm_block_tiles").sub(1)), Bits.constant(0, SIZE_BITS)));
        compute.put("a_addr", slot.base);
        compute.put("c_addr", accRow);
        Map<String, Value> store = new LinkedHashMap<>();
        store.put("pop_prev", firstTile);
        store.put("push_prev", lastTile.and(blockProbe.end.not()));
        store.put("target", Value.mux(int8, Bits.constant(2, 2), Bits.constant(1, 2)));
        store.put("rows", rows);
        store.put("row_bytes", storeBytes);
        store.put("local", accRow);
        store.put("addr", cRow.add(storeOffset, ADDRESS_BITS));
        store.put("stride", arg("gemm_ldc"));
        Value w = CommandFormat.compose(Opcode.FENCE.code, Map.of());
        w = Value.mux(in(Phase.STORE), CommandFormat.compose(Opcode.STORE.code, store), w);
        w = Value.mux(in(Phase.COMPUTE), CommandFormat.compose(Opcode.COMPUTE.code, compute), w);
        w = Value.mux(in(Phase.LOAD_B), CommandFormat.compose(Opcode.LOAD.code, loadB), w);
        w = Value.mux(in(Phase.LOAD_A), CommandFormat.compose(Opcode.LOAD.code, loadA), w);
        word = b.wire("generated_word", w);
      }

      /**
       * The last block column's tiles minus 1 (the grouped COMPUTEs' weight gap there): column tiles
       * - 1 = (N - 1) / C, then that modulo block_tiles, by restoring division, one quotient bit per
       * SETUP cycle (16 for each division).
       */
      private Value lastBlockGap() {
        Reg dividend = b.reg("division_dividend_q", Type.unsigned(SIZE_BITS));
        Reg remainder = b.reg("division_remainder_q", Type.unsigned(SIZE_BITS));
        // The quotient's low bits; its top bit is only ever needed as it is formed (nextQuotient).
        Reg quotient = b.reg("division_quotient_q", Type.unsigned(SIZE_BITS - 1));
        Value dividing = setup.and(divisionSteps.ne(0));
        Value byColumns = divisionSteps.gt(Bits.constant(SIZE_BITS, 6));
        Value divisor = Value.mux(byColumns, Bits.constant(config.cols(), SIZE_BITS + 1),
            arg("gemm_block_tiles").zext(SIZE_BITS + 1));
        Value trial = Value.concat(remainder, dividend.bit(SIZE_BITS - 1));
        Value fits = trial.ge(divisor);
        Value nextQuotient = Value.concat(quotient, fits);
        // The first division's last step hands its quotient to the second as the dividend.
        Value handOver = divisionSteps.eq(SIZE_BITS + 1);
        divisionSteps.enable(init.or(dividing)).next(Value.mux(init, Bits.constant(2 * SIZE_BITS, 6),
            divisionSteps.sub(1)));
        dividend.enable(init.or(dividing)).next(Value.mux(init, arg("gemm_n").sub(1),
            Value.mux(handOver, nextQuotient, dividend.shl(1))));
        // Below the divisor after every step, so the remainder fits 16 bits.
        remainder.enable(init.or(dividing)).next(Value.mux(init.or(handOver), Bits.constant(0, SIZE_BITS),
            fit(Value.mux(fits, trial.sub(divisor, SIZE_BITS + 1), trial), SIZE_BITS)));
        quotient.enable(init.or(dividing)).next(Value.mux(init, Bits.constant(0, SIZE_BITS - 1),
            nextQuotient.slice(SIZE_BITS - 2, 0)));
        return b.wire("last_block_gap", remainder);
      }

      /** {@code <ld>} times block_rows: the shifted pitch is added for every set multiplier bit. */
      private Reg shiftAndAdd(String pitch, Value addBit) {
        Reg shifted = b.reg(pitch + "_shifted_q", Type.unsigned(ADDRESS_BITS));
        shifted.enable(init.or(setup)).next(Value.mux(init, arg("gemm_" + pitch), shifted.shl(1)));
        Reg product = b.reg("block_" + pitch + "_step_q", Type.unsigned(ADDRESS_BITS));
        return product.enable(init.or(addBit)).next(Value.mux(init, Bits.constant(0, ADDRESS_BITS),
            product.add(shifted, ADDRESS_BITS)));
      }

      /** Steps a probe still has to take ahead of the main walk, from the argument {@code count}. */
      private Reg lead(String name, String count) {
        Reg lead = b.reg(name, Type.unsigned(LEAD_BITS));
        return lead.enable(init.or(setup.and(lead.ne(0)))).next(Value.mux(init, arg(count), lead.sub(1)));
      }

      /** {@code tile_q} times {@code step}, kept as a running sum. */
      private Value tileOffset(String name, Value step, int width, Value tileStep, Value restart) {
        Reg offset = b.reg("tile_" + name + "_offset_q", Type.unsigned(width));
        return offset.enable(init.or(tileStep)).next(Value.mux(restart, Bits.constant(0, width),
            offset.add(step, width)));
      }

      Value word() {
        return word;
      }

      /** The phase's last word: its last tile, or the one grouped weight LOAD. */
      Value phaseEnds() {
        return phaseEnds;
      }

      Value setupDone() {
        return multiplierBits.eq(0).and(divisionSteps.eq(0)).and(foldLead.eq(0)).and(blockLead.eq(0));
      }

      /** A size that makes the loops empty: the GEMM is its FENCE. */
      Value degenerate() {
        Value zero = Bits.constant(0, 1);
        for (String name : new String[] {"gemm_m", "gemm_n", "gemm_k", "gemm_block_rows", "gemm_block_tiles",
            "gemm_slots", "gemm_acc_buffers"}) {
          zero = zero.or(arg(name).eq(0));
        }
        return zero;
      }
    }

    /**
     * Slots or buffers in rotation: the index and the first row of the current one, starting at the
     * first or (for the next slot's weight region) the second; {@code wraps}: the index returns to 0.
     */
    private final class Rotation {
      final Reg base;
      final Value wraps;

      Rotation(String name, String count, String stride, Value step, boolean startAtSecond) {
        Reg index = b.reg(name + "_q", Type.unsigned(LEAD_BITS));
        wraps = b.wire(name + "_wraps", index.add(Bits.constant(1, LEAD_BITS + 1), LEAD_BITS + 1)
            .eq(arg(count).zext(LEAD_BITS + 1)));
        base = b.reg(name + "_base_q", Type.unsigned(ADDRESS_BITS));
        Value zeroIndex = Bits.constant(0, LEAD_BITS);
        Value zeroBase = Bits.constant(0, ADDRESS_BITS);
        Value first = startAtSecond ? Value.mux(arg(count).eq(1), zeroIndex, Bits.constant(1, LEAD_BITS)) : zeroIndex;
        Value firstBase = startAtSecond ? Value.mux(arg(count).eq(1), zeroBase, fit(arg(stride), ADDRESS_BITS))
            : zeroBase;
        index.enable(init.or(step)).next(Value.mux(init, first, Value.mux(wraps, zeroIndex, index.add(1))));
        base.enable(init.or(step)).next(Value.mux(init, firstBase, Value.mux(wraps, zeroBase,
            base.add(arg(stride), ADDRESS_BITS))));
      }

      /** Set once every slot or buffer has been used: from then on a new use waits for a token. */
      Reg wrapped(String name, Value step) {
        Reg flag = b.reg(name, Type.BIT);
        return flag.enable(init.or(step.and(wraps))).next(init.not());
      }
    }

    /**
     * A position in the loops: fold (first K column {@code k_q}) inside block (first column
     * {@code column_q}, first row {@code row_q}), block columns inside block rows. The main walk's
     * fold and block advance separately (its STOREs still need the block after the last fold); a
     * probe's fold carries into its block, and {@code end_q} records that it went past the last block.
     */
    private final class Position {
      final Reg k;
      final Reg column;
      final Reg row;
      final Value lastFold;
      final Value lastBlockColumn;
      final Value lastBlockRow;
      final Reg end;

      /**
       * @param foldStep the fold advances; null: a position of blocks only
       * @param blockStep the block advances; null: when the last fold advances
       */
      Position(String prefix, Value foldStep, Value blockStep, boolean tracksEnd) {
        Value blockAdvance = blockStep;
        if (foldStep != null) {
          k = b.reg(prefix + "k_q", Type.unsigned(SIZE_BITS));
          Value kNext = k.add(Bits.constant(config.rows(), 9), SIZE_BITS + 1);
          lastFold = b.wire(prefix + "last_fold", kNext.ge(arg("gemm_k").zext(SIZE_BITS + 1)));
          k.enable(init.or(foldStep)).next(Value.mux(init.or(lastFold), Bits.constant(0, SIZE_BITS),
              fit(kNext, SIZE_BITS)));
          if (blockAdvance == null) {
            blockAdvance = foldStep.and(lastFold);
          }
        } else {
          k = null;
          lastFold = null;
        }
        int columnBits = SIZE_BITS + 10;
        column = b.reg(prefix + "column_q", Type.unsigned(SIZE_BITS));
        Value columnNext = column.add(blockColumns, columnBits);
        lastBlockColumn = b.wire(prefix + "last_block_column", columnNext.ge(arg("gemm_n").zext(columnBits)));
        row = b.reg(prefix + "row_q", Type.unsigned(SIZE_BITS));
        Value rowNext = row.add(arg("gemm_block_rows"), SIZE_BITS + 1);
        lastBlockRow = b.wire(prefix + "last_block_row", rowNext.ge(arg("gemm_m").zext(SIZE_BITS + 1)));
        column.enable(init.or(blockAdvance)).next(Value.mux(init.or(lastBlockColumn), Bits.constant(0, SIZE_BITS),
            fit(columnNext, SIZE_BITS)));
        Value rowAdvance = blockAdvance.and(lastBlockColumn);
        row.enable(init.or(rowAdvance)).next(Value.mux(init, Bits.constant(0, SIZE_BITS), fit(rowNext, SIZE_BITS)));
        if (tracksEnd) {
          end = b.reg(prefix + "end_q", Type.BIT);
          end.enable(init.or(rowAdvance.and(lastBlockRow))).next(init.not());
        } else {
          end = null;
        }
      }

      Value lastBlock() {
        return lastBlockColumn.and(lastBlockRow);
      }
    }
  }
}
