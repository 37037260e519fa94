package dev.serrano.hdl.lib.array;

import dev.serrano.hdl.core.InstanceBuilder;
import dev.serrano.hdl.core.ModuleBuilder;
import dev.serrano.hdl.core.Net;
import dev.serrano.hdl.core.Reg;
import dev.serrano.hdl.core.Signal;
import dev.serrano.hdl.core.Value;
import dev.serrano.hdl.ir.Module;
import dev.serrano.hdl.lib.Bits;
import dev.serrano.hdl.lib.DelayLine;
import dev.serrano.hdl.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code pe_array_<R>x<C>_...}: an R x C systolic array of {@link SystolicPe}s with its own skew,
 * deskew and control, so that users feed and receive plain vectors. Every register advances only
 * while {@code en} is high: {@code en} low stalls the whole array, and nothing is lost.
 * Below, Rt = R / tileRows and Ct = C / tileCols are the register stages a wave crosses, and "edge"
 * means a rising clock edge with {@code en} high.
 *
 * <h2>Weight-stationary (WS, and BOTH with {@code mode_os} low)</h2>
 * Computes, for every input row, {@code out[n] = d[n] + sum over k of a[k] * W[k][n]} with the sum
 * taken in order k = 0, 1, ..., R - 1 (this order matters only when saturating).
 * <ul>
 *   <li>Weights: a tile W (R x C) enters on {@code w_valid}/{@code w_ready}/{@code w_row} as R
 *       beats, row R - 1 first, row 0 last; {@code w_row} holds column n at bits
 *       [n * width +: width]. The array commits a complete tile into whichever of its two weight
 *       buffers is free, then accepts the next tile's beats: loading overlaps computation.
 *       {@code w_ready} is low while a complete tile waits for a free buffer.</li>
 *   <li>Inputs: {@code in_valid}/{@code in_ready}; {@code in_a} holds a[k] at bits
 *       [k * width +: width]; {@code in_d} holds d[n] at [n * accWidth +: accWidth];
 *       {@code in_first} marks the first row computed with the next committed tile (the first row
 *       ever must carry it). {@code in_ready} is high when {@code in_first} is low and a tile is in
 *       use, or when {@code in_first} is high and the next tile is committed: it depends on
 *       {@code in_first}, never on {@code in_valid}.</li>
 *   <li>Outputs: {@code out_valid}/{@code out_c}, rows in input order, each exactly Rt + Ct - 1
 *       edges after its input edge (no back-pressure: the consumer takes every row).</li>
 *   <li>A buffer left by an {@code in_first} row can take the next tile max(1, Rt + Ct - 3)
 *       edges later (the last older row has then passed every PE).</li>
 * </ul>
 *
 * <h2>Output-stationary (OS, and BOTH with {@code mode_os} high)</h2>
 * PE (r, c) computes {@code out[r][c] = sum over beats of a[r] * b[c]}, in beat order.
 * <ul>
 *   <li>Inputs: one beat per k: {@code in_a} holds a[r] (column k of an R x K tile of A),
 *       {@code in_b} holds b[c] (row k of a K x C tile of B) at [c * width +: width];
 *       {@code in_first} starts new sums, {@code in_last} ends them. {@code in_ready} is low only for
 *       an {@code in_last} beat that comes less than Rt + Ct + R - 2 edges after the previous
 *       accepted {@code in_last} beat (its results must first drain).</li>
 *   <li>Outputs: the R result rows leave on R consecutive cycles, row R - 1 first; row R - 1 is
 *       on {@code out_c} right after edge e + Rt + Ct - 2, where e is the edge that accepted the
 *       {@code in_last} beat. Computing the next tile overlaps the drain.</li>
 * </ul>
 * {@code mode_os} may change only while the array is empty.
 */
public final class PeArray {
  private PeArray() {}

  public static String moduleName(ArrayConfig config) {
    return "pe_array_" + config.rows() + "x" + config.cols() + "_" + config.typeName() + config.suffix();
  }

  public static Module build(ArrayConfig config) {
    return new Builder(config).build();
  }

  /** The state of one elaboration: ports first, then control, skew, mesh and outputs. */
  private static final class Builder {
    private final ArrayConfig config;
    private final Dataflow df;
    private final int rows;
    private final int cols;
    private final ModuleBuilder b;
    private final Type accType;
    private Signal en;
    private Signal modeOs;
    private Signal inValid;
    private Signal inA;
    private Signal inD;
    private Signal inB;
    private Signal inFirst;
    private Signal inLast;
    private Net inReady;
    private Signal wValid;
    private Signal wRow;
    private Net wReady;
    private Net outValid;
    private Net outC;
    private Value fire;
    private Value rowSel;
    private Value wShift;
    private Value wCommit;
    private Value wCommitBuf;
    private Value drain;
    private Value osOutValid;
    private Value readyWs;
    private Value readyOs;

    Builder(ArrayConfig config) {
      this.config = config;
      this.df = config.dataflow();
      this.rows = config.rows();
      this.cols = config.cols();
      this.accType = config.accType();
      this.b = new ModuleBuilder(moduleName(config), PeArray.class)
          .describe(rows + " x " + cols + " systolic array, " + df.shortName() + " dataflow, "
              + config.input() + " x " + config.weight() + " into " + config.accWidth()
              + (config.saturate() ? " saturating" : " wrapping") + " bits")
          .parameter("rows", rows)
          .parameter("cols", cols)
          .parameter("dataflow", df.shortName())
          .parameter("input", config.input())
          .parameter("weight", config.weight())
          .parameter("accWidth", config.accWidth())
          .parameter("saturate", config.saturate())
          .parameter("tileRows", config.tileRows())
          .parameter("tileCols", config.tileCols());
    }

    Module build() {
      ports();
      fire = b.wire("in_fire", inValid.and(inReady));
      if (df.supportsWs()) {
        weightControl();
      }
      if (df.supportsOs()) {
        drainControl();
      }
      inReady.assign(switch (df) {
        case WS -> readyWs;
        case OS -> readyOs;
        case BOTH -> Value.mux(modeOs, readyOs, readyWs);
      });
      mesh();
      return b.build();
    }

    private void ports() {
      int aBits = config.input().width();
      int bBits = config.weight().width();
      b.clockAndReset(config.reset());
      b.group("control");
      en = b.input("en", Type.BIT);
      if (df == Dataflow.BOTH) {
        modeOs = b.input("mode_os", Type.BIT);
      }
      b.group("input rows (WS) or beats (OS)");
      inValid = b.input("in_valid", Type.BIT);
      inReady = b.output("in_ready", Type.BIT);
      inFirst = b.input("in_first", Type.BIT);
      inA = b.input("in_a", Type.unsigned(rows * aBits));
      if (df.supportsWs()) {
        inD = b.input("in_d", Type.unsigned(cols * config.accWidth()));
      }
      if (df.supportsOs()) {
        inB = b.input("in_b", Type.unsigned(cols * bBits));
        inLast = b.input("in_last", Type.BIT);
      }
      if (df.supportsWs()) {
        b.group("weight tiles, row R - 1 first");
        wValid = b.input("w_valid", Type.BIT);
        wReady = b.output("w_ready", Type.BIT);
        wRow = b.input("w_row", Type.unsigned(cols * bBits));
      }
      b.group("results");
      outValid = b.output("out_valid", Type.BIT);
      outC = b.output("out_c", Type.unsigned(cols * config.accWidth()));
    }

    /** The two weight buffers: load chain fill count, commits, which buffer rows use, release timing. */
    private void weightControl() {
      int countWidth = Bits.bitsFor(rows);
      Reg chainCount = b.reg("chain_count_q", Type.unsigned(countWidth)).resetTo(0);
      Reg commitBuf = b.reg("commit_buf_q", Type.BIT).resetTo(0);
      Reg loaded0 = b.reg("loaded0_q", Type.BIT).resetTo(0);
      Reg loaded1 = b.reg("loaded1_q", Type.BIT).resetTo(0);
      Reg current = b.reg("cur_buf_q", Type.BIT).resetTo(1);
      Reg started = b.reg("started_q", Type.BIT).resetTo(0);
      int releaseDelay = Math.max(0, config.tileRowCount() + config.tileColCount() - 4);
      Reg release = b.reg("release_q", Type.unsigned(Bits.bitsFor(releaseDelay))).resetTo(0);

      Value chainFull = b.wire("chain_full", chainCount.eq(rows));
      Value targetLoaded = b.wire("target_loaded", Value.mux(commitBuf, loaded1, loaded0));
      Value targetInUse = b.wire("target_in_use", started.and(commitBuf.eq(current)));
      Value targetFree = b.wire("target_free", targetLoaded.or(targetInUse).not().and(release.eq(0)));
      wCommit = b.wire("w_commit", inWsMode(chainFull.and(targetFree)));
      wCommitBuf = commitBuf;
      wReady.assign(inWsMode(chainFull.not().or(wCommit)));
      wShift = b.wire("w_shift", wValid.and(wReady));

      Value nextLoaded = Value.mux(current, loaded0, loaded1);
      readyWs = b.wire("ready_ws", Value.mux(inFirst, nextLoaded, started));
      rowSel = b.wire("row_sel", Value.mux(inFirst, current.not(), current));
      Value flip = b.wire("flip", inWsMode(fire.and(inFirst)));

      Value shifted = b.wire("chain_shifted", Value.mux(wShift, chainCount.add(1), chainCount));
      chainCount.enable(en).next(Value.mux(wCommit, wShift.zext(countWidth), shifted));
      commitBuf.enable(en.and(wCommit)).next(commitBuf.not());
      // A commit sets its buffer's flag; a flip consumes the other buffer's. They never hit one buffer at once.
      loaded0.enable(en).next(wCommit.and(commitBuf.not()).or(loaded0.and(flip.and(current).not())));
      loaded1.enable(en).next(wCommit.and(commitBuf).or(loaded1.and(flip.and(current.not()).not())));
      current.enable(en.and(flip)).next(current.not());
      started.enable(en.and(flip)).next(Value.constant(1, Type.BIT));
      // The first flip leaves a buffer that was never used: nothing to wait for.
      countdown(release, flip.and(started), releaseDelay);
    }

    /** OS: when a tile's sums are complete, shift them out of the result chains, one row per cycle. */
    private void drainControl() {
      int capture = config.tileRowCount() + config.tileColCount() - 2;
      Value lastFire = b.wire("last_fire", inOsMode(fire.and(inLast)));
      Value complete = DelayLine.delay(b, "last", lastFire, capture + 1, en, true);
      Reg remaining = b.reg("drain_left_q", Type.unsigned(Bits.bitsFor(rows))).resetTo(0);
      osOutValid = b.wire("os_out_valid", complete.or(remaining.ne(0)));
      drain = osOutValid;
      countdown(remaining, complete, rows - 1);

      int gap = config.tileRowCount() + config.tileColCount() + rows - 2;
      Reg sinceLast = b.reg("last_gap_q", Type.unsigned(Bits.bitsFor(gap))).resetTo(0);
      countdown(sinceLast, lastFire, gap - 1);
      readyOs = b.wire("ready_os", inLast.not().or(sinceLast.eq(0)));
    }

    /** A counter that takes {@code start} when {@code load} is high and otherwise counts down to zero. */
    private void countdown(Reg counter, Value load, int start) {
      Value down = b.wire(counter.name().replaceFirst("_q$", "") + "_down",
          Value.mux(counter.eq(0), counter, counter.sub(1)));
      counter.enable(en).next(Value.mux(load, Value.constant(start, counter.type()), down));
    }

    /** {@code v} gated by the run-time mode in BOTH builds, {@code v} itself otherwise. */
    private Value inWsMode(Value v) {
      return modeOs == null ? v : v.and(modeOs.not());
    }

    private Value inOsMode(Value v) {
      return modeOs == null ? v : v.and(modeOs);
    }

    private void mesh() {
      int tr = config.tileRows();
      int tc = config.tileCols();
      int rt = config.tileRowCount();
      int ct = config.tileColCount();
      int aBits = config.input().width();
      int bBits = config.weight().width();
      int accBits = config.accWidth();

      // West edge: control taps shared by a tile row, data delayed per row.
      List<Value> validTaps = DelayLine.taps(b, "skew_valid", fire, rt - 1, en, true);
      List<Value> selTaps = df.supportsWs() ? DelayLine.taps(b, "skew_sel", rowSel, rt - 1, en, false) : null;
      List<Value> firstTaps = df.supportsOs() ? DelayLine.taps(b, "skew_first", inFirst, rt - 1, en, false) : null;
      List<Value> lastTaps = df.supportsOs() ? DelayLine.taps(b, "skew_last", inLast, rt - 1, en, false) : null;

      Value zeroAcc = Value.constant(0, accType);
      Value[] north = new Value[cols];
      Value[] northPsum = new Value[cols];
      Value[] northRes = new Value[cols];
      for (int c = 0; c < cols; c++) {
        int skew = c / tc;
        if (df.supportsWs()) {
          Value d = typed(inD.slice((c + 1) * accBits - 1, c * accBits), accType);
          northPsum[c] = DelayLine.delay(b, "skew_d" + c, d, skew, en, false);
        }
        Value weightTop = df.supportsWs() ? wRow.slice((c + 1) * bBits - 1, c * bBits) : null;
        Value operandTop = df.supportsOs()
            ? DelayLine.delay(b, "skew_b" + c, inB.slice((c + 1) * bBits - 1, c * bBits), skew, en, false)
            : null;
        north[c] = switch (df) {
          case WS -> weightTop;
          case OS -> operandTop;
          case BOTH -> Value.mux(modeOs, operandTop, weightTop);
        };
        northRes[c] = zeroAcc;
      }

      Module[][] peModules = peModules();
      List<Value> bottomPsum = new ArrayList<>();
      List<Value> bottomRes = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        int tier = r / tr;
        Value a = DelayLine.delay(b, "skew_a" + r, inA.slice((r + 1) * aBits - 1, r * aBits), tier, en, false);
        Value valid = validTaps.get(tier);
        Value sel = selTaps == null ? null : selTaps.get(tier);
        Value first = firstTaps == null ? null : firstTaps.get(tier);
        Value last = lastTaps == null ? null : lastTaps.get(tier);
        for (int c = 0; c < cols; c++) {
          String at = "r" + r + "_c" + c;
          Module pe = peModules[r % tr == tr - 1 ? 1 : 0][c % tc == tc - 1 ? 1 : 0];
          InstanceBuilder u = b.instance("u_pe_" + at, pe)
              .connect("clk", b.clock())
              .connect("en", en)
              .connect("a_in", typed(a, config.input().type()))
              .connect("valid_in", valid)
              .connect("b_in", typed(north[c], config.weight().type()));
          if (pe.port(config.reset().defaultPortName()).isPresent()) {
            u.connect(config.reset().defaultPortName(), b.reset());
          }
          if (modeOs != null) {
            u.connect("mode_os", modeOs);
          }
          boolean eastEdge = c == cols - 1;
          boolean southEdge = r == rows - 1;
          a = eastEdge ? a : connectOut(u, "a_out", "a_" + at, config.input().type());
          valid = eastEdge ? valid : connectOut(u, "valid_out", "valid_" + at, Type.BIT);
          if (df.supportsWs()) {
            u.connect("w_shift", wShift).connect("w_commit", wCommit).connect("w_commit_buf", wCommitBuf)
                .connect("sel_in", sel).connect("psum_in", northPsum[c]);
            sel = eastEdge ? sel : connectOut(u, "sel_out", "sel_" + at, Type.BIT);
            northPsum[c] = connectOut(u, "psum_out", (southEdge ? "bottom_psum_c" + c : "psum_" + at), accType);
          }
          if (df.supportsOs()) {
            u.connect("drain", drain).connect("first_in", first).connect("last_in", last)
                .connect("res_in", northRes[c]);
            first = eastEdge ? first : connectOut(u, "first_out", "first_" + at, Type.BIT);
            last = eastEdge ? last : connectOut(u, "last_out", "last_" + at, Type.BIT);
            northRes[c] = connectOut(u, "res_out", (southEdge ? "bottom_res_c" + c : "res_" + at), accType);
          }
          if (!southEdge) {
            north[c] = connectOut(u, "b_out", "b_" + at, config.weight().type());
          }
        }
      }
      for (int c = 0; c < cols; c++) {
        if (df.supportsWs()) {
          bottomPsum.add(DelayLine.delay(b, "deskew_c" + c, northPsum[c], ct - 1 - c / tc, en, false));
        }
        if (df.supportsOs()) {
          bottomRes.add(northRes[c]);
        }
      }
      Value wsValid = df.supportsWs() ? DelayLine.delay(b, "out_valid", inWsMode(fire), rt + ct - 1, en, true) : null;
      Value wsOut = df.supportsWs() ? packed(bottomPsum) : null;
      Value osOut = df.supportsOs() ? packed(bottomRes) : null;
      outValid.assign(switch (df) {
        case WS -> wsValid;
        case OS -> osOutValid;
        case BOTH -> Value.mux(modeOs, osOutValid, wsValid);
      });
      outC.assign(switch (df) {
        case WS -> wsOut;
        case OS -> osOut;
        case BOTH -> Value.mux(modeOs, osOut, wsOut);
      });
    }

    /** PE variants by whether they sit at a tile's south edge [0/1] and east edge [0/1]. */
    private Module[][] peModules() {
      Module[][] modules = new Module[2][2];
      for (int south = 0; south < 2; south++) {
        for (int east = 0; east < 2; east++) {
          boolean needed = (south == 1 || config.tileRows() > 1) && (east == 1 || config.tileCols() > 1);
          if (needed) {
            modules[south][east] = SystolicPe.build(config, east == 1, south == 1);
          }
        }
      }
      return modules;
    }

    private Value connectOut(InstanceBuilder u, String port, String wireName, Type type) {
      Net wire = b.wire(wireName, type);
      u.connect(port, wire);
      return wire;
    }

    /** The same bits as {@code type}'s signedness wants, for connections to PE ports. */
    private static Value typed(Value v, Type type) {
      return type.signed() ? v.asSigned() : v.asUnsigned();
    }

    /** Values concatenated with element 0 in the least significant bits. */
    private static Value packed(List<Value> elements) {
      List<Value> msbFirst = new ArrayList<>(elements);
      Collections.reverse(msbFirst);
      return Value.concat(msbFirst.stream().map(Value::asUnsigned).toArray(Value[]::new));
    }
  }
}
