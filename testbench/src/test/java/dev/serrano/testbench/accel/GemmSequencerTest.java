package dev.serrano.testbench.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.serrano.hdl.ir.ResetStyle;
import dev.serrano.hdl.lib.accel.CommandFormat;
import dev.serrano.hdl.lib.accel.CommandFormat.Opcode;
import dev.serrano.hdl.lib.accel.GemmSequencer;
import dev.serrano.testbench.GeneratedDesigns;
import dev.serrano.testbench.sim.Simulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GEMM sequencer alone, against the Java tiler: random GEMMs (int32 and int8, random pitches
 * and addresses) with tilings from {@code GemmTiler.chooseTiling} on random small memories, their
 * three command words among random pass-through commands, random valid and ready; the words out
 * must be the pass-through commands in place and, for each GEMM, exactly {@code GemmTiler.tile}'s
 * words for that tiling. Seeds are logged; replay one with {@code -Dsequencer.seed=<seed>}.
 */
class GemmSequencerTest {
  /** Opcodes a pass-through command may carry: the controller's and the unknown 7. */
  private static final int[] PASSED_OPCODES = {0, 1, 2, 3, 4, 7};

  @TempDir
  Path folder;

  private static long seed() {
    return Long.getLong("sequencer.seed", System.nanoTime());
  }

  private Simulation start(int rows, int cols) {
    Simulation sim = Simulation.start(GeneratedDesigns.generate(folder,
        GemmSequencer.build(new GemmSequencer.Config(rows, cols, ResetStyle.SYNC_ACTIVE_HIGH))));
    sim.reset(4);
    return sim;
  }

  /** The words to send and the words expected out, each expected word with where it comes from. */
  private static final class Stream {
    final List<BigInteger> in = new ArrayList<>();
    final List<BigInteger> out = new ArrayList<>();
    final List<String> origin = new ArrayList<>();

    void passed(BigInteger word, String context) {
      in.add(word);
      out.add(word);
      origin.add("pass-through command, " + context);
    }

    void gemm(List<BigInteger> commandWords, List<BigInteger> program, String context) {
      in.addAll(commandWords);
      for (int i = 0; i < program.size(); i++) {
        out.add(program.get(i));
        origin.add("word " + i + " of " + program.size() + " of " + context);
      }
    }
  }

  @ParameterizedTest(name = "{0} x {1} array")
  @CsvSource({"3, 5", "16, 16", "12, 20", "1, 1"})
  void gemmsExpandIntoTheTilersProgramsAndOtherCommandsPass(int rows, int cols) {
    long seed = seed();
    System.out.println("GemmSequencerTest " + rows + "x" + cols + " seed=" + seed);
    Random random = new Random(seed);
    Stream stream = new Stream();
    for (int trial = 0; trial < 20; trial++) {
      for (int i = random.nextInt(3); i > 0; i--) {
        stream.passed(passedCommand(random), "before trial " + trial);
      }
      AcceleratorShape shape = GemmTilerTest.smallMemories(rows, cols, random);
      int maxTokens = 1 + random.nextInt(4);
      GemmSpec spec = randomSpec(shape, random);
      GemmTiling tiling = GemmTiler.chooseTiling(shape, spec, maxTokens);
      List<BigInteger> program = GemmTiler.tile(shape, spec, maxTokens, tiling).words();
      List<BigInteger> words = GemmCommand.words(spec, tiling);
      String context = "trial " + trial + " (seed " + seed + ", " + shape + ", " + spec.m() + " x " + spec.n()
          + " x " + spec.k() + (spec.output() == null ? " int32" : " int8") + ", " + tiling + ")";
      stream.gemm(words, program, context);
      if (random.nextInt(4) == 0) {
        // The arguments stay: the same GEMM again from its GEMM_START alone.
        stream.gemm(words.subList(2, 3), program, "the repeat of " + context);
      }
    }
    // A GEMM_START with N = 0 makes the loops empty: its FENCE only.
    stream.gemm(List.of(CommandFormat.encode(Opcode.GEMM_START.code, Map.of("gemm_acc_buffers", 1L))),
        List.of(CommandFormat.encode(Opcode.FENCE.code, Map.of())), "a GEMM with N = 0");
    stream.passed(passedCommand(random), "at the end");
    try (Simulation sim = start(rows, cols)) {
      run(sim, stream, random, 0.25, 0.35, "seed " + seed);
    }
  }

  /** Every port handshake at full rate: the expansion gives one command per cycle. */
  @Test
  void theExpansionRunsAtOneCommandPerCycle() {
    AcceleratorShape shape = AcceleratorShape.defaults();
    GemmSpec spec = new GemmSpec(300, 100, 70, 0, 70, 1 << 16, 100, 1 << 20, 400, null);
    GemmTiling tiling = GemmTiler.chooseTiling(shape, spec, 8);
    List<BigInteger> program = GemmTiler.tile(shape, spec, 8, tiling).words();
    try (Simulation sim = start(16, 16)) {
      sim.port("out_ready").set(1);
      List<BigInteger> words = GemmCommand.words(spec, tiling);
      for (BigInteger word : words) {
        sim.port("cmd_valid").set(1);
        sim.port("cmd_data").set(word);
        sim.eval();
        assertEquals(1, sim.port("cmd_ready").get(), "an argument word is taken at once");
        sim.step();
      }
      sim.port("cmd_valid").set(0);
      long started = sim.cycle();
      while (sim.port("out_valid").get() == 0 && sim.cycle() < started + 100) {
        sim.step();
      }
      long first = sim.cycle();
      for (int i = 0; i < program.size(); i++) {
        assertEquals(1, sim.port("out_valid").get(), "valid in every cycle, word " + i);
        assertEquals(program.get(i), sim.port("out_data").getBigInteger(), "word " + i);
        sim.step();
      }
      assertEquals(0, sim.port("out_valid").get(), "nothing after the FENCE");
      System.out.println("GemmSequencerTest: " + program.size() + " commands in " + program.size()
          + " cycles after " + (first - started) + " cycles of setup");
      // The two 16-step divisions outlast the multiplier (at most 16 bits) unless the probes go further.
      int setupSteps = Math.max(32, Math.max(tiling.slots(), tiling.accBuffers()));
      assertEquals(3 + setupSteps, first - started, "setup: ARM, the divisions or probe steps, the switch");
      sim.step(2);
      assertEquals(0, sim.port("busy").get());
    }
  }

  private static GemmSpec randomSpec(AcceleratorShape shape, Random random) {
    int m = GemmTilerTest.dimension(shape, random);
    int n = GemmTilerTest.dimension(shape, random);
    int k = GemmTilerTest.dimension(shape, random);
    Requantization output = random.nextBoolean() ? null : Requantization.random(n, -11, -6, random);
    int elementBytes = output == null ? 4 : 1;
    long lda = k + random.nextInt(100);
    long ldb = n + random.nextInt(100);
    long ldc = (long) n * elementBytes + random.nextInt(100);
    // Addresses anywhere in the 32-bit space the operands fit, so the high address bits are exercised.
    long a = (random.nextLong() >>> 1) % (GemmSpec.ADDRESS_LIMIT - m * lda);
    long b = (random.nextLong() >>> 1) % (GemmSpec.ADDRESS_LIMIT - k * ldb);
    long c = (random.nextLong() >>> 1) % (GemmSpec.ADDRESS_LIMIT - m * ldc);
    return new GemmSpec(m, n, k, a, lda, b, ldb, c, ldc, output);
  }

  /** Random bits under one of the opcodes the sequencer passes on. */
  private static BigInteger passedCommand(Random random) {
    int opcode = PASSED_OPCODES[random.nextInt(PASSED_OPCODES.length)];
    BigInteger bits = new BigInteger(CommandFormat.WIDTH, random);
    return bits.shiftRight(CommandFormat.OPCODE_WIDTH).shiftLeft(CommandFormat.OPCODE_WIDTH)
        .or(BigInteger.valueOf(opcode));
  }

  /** Sends the stream's words with random valid, takes words out with random ready, compares in order. */
  private static void run(Simulation sim, Stream stream, Random random, double idleRate, double stallRate,
      String context) {
    int sent = 0;
    int received = 0;
    long limit = sim.cycle() + 20L * stream.out.size() + 10_000;
    while (received < stream.out.size()) {
      boolean offer = sent < stream.in.size() && random.nextDouble() >= idleRate;
      sim.port("cmd_valid").set(offer ? 1 : 0);
      if (offer) {
        sim.port("cmd_data").set(stream.in.get(sent));
      }
      boolean ready = random.nextDouble() >= stallRate;
      sim.port("out_ready").set(ready ? 1 : 0);
      sim.eval();
      if (offer && sim.port("cmd_ready").get() == 1) {
        sent++;
      }
      if (ready && sim.port("out_valid").get() == 1) {
        BigInteger word = sim.port("out_data").getBigInteger();
        if (!word.equals(stream.out.get(received))) {
          fail(stream.origin.get(received) + ": expected " + describe(stream.out.get(received)) + ", got "
              + describe(word) + " (" + context + ")");
        }
        received++;
      }
      sim.step();
      if (sim.cycle() > limit) {
        fail("only " + received + " of " + stream.out.size() + " words out after " + limit + " cycles, next: "
            + stream.origin.get(received) + " (" + context + ")");
      }
    }
    sim.port("cmd_valid").set(0);
    sim.port("out_ready").set(1);
    sim.step(3);
    assertEquals(0, sim.port("out_valid").get(), "no word beyond the expected ones (" + context + ")");
    assertEquals(0, sim.port("busy").get(), "idle at the end (" + context + ")");
  }

  private static String describe(BigInteger word) {
    try {
      return Command.decode(word) + " (0x" + word.toString(16) + ")";
    } catch (IllegalArgumentException e) {
      return "0x" + word.toString(16);
    }
  }
}
