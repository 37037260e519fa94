package dev.serrano.hdl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serrano.hdl.lib.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a design must map to, counted on the IR: one multiplier per PE and per post-processing lane,
 * the scratchpad and accumulator banks; and the messages when a report falls short.
 */
class MappingExpectationTest {
  @Test
  void countsThePesAndTheBanksOfASmallAccelerator() {
    MappingExpectation expected = MappingExpectation.of(Catalog.design("accelerator", Map.of("rows", "2", "cols", "3",
        "spBanks", "2", "spRows", "1024", "accBanks", "1", "accRows", "128")));
    // 2 x 3 PEs, and a 32 x 32 multiply per post-processing lane (one lane per column).
    assertEquals(6 + 3, expected.multipliers());
    // A scratchpad row is cols x 8 bits; an accumulator row cols x 32 bits.
    Map<MappingExpectation.MemoryShape, Integer> ice40 = expected.blockRamMemories(Flow.ICE40);
    assertEquals(2, ice40.get(new MappingExpectation.MemoryShape("banked_mem_bank_r1024_w24.storage", 1024, 24)), "" + ice40);
    assertEquals(1, ice40.get(new MappingExpectation.MemoryShape("banked_mem_bank_r128_w96_acc3x32.storage", 128, 96)),
        "" + ice40);
  }

  @Test
  void namesMissingDspsAndBlockRam() {
    MappingExpectation expected = new MappingExpectation(16,
        Map.of(new MappingExpectation.MemoryShape("bank.storage", 4096, 128), 4));
    ResourceReport short16 = new ResourceReport("t", Flow.ICE40, Map.of("SB_MAC16", 10, "SB_RAM40_4K", 100));
    assertEquals(List.of(
        "ice40: 10 DSP blocks for 16 multipliers in the RTL: at least 6 multipliers (MACs) were built from LUTs"
            + " instead of DSP blocks",
        "ice40: block RAM holds 409600 bits but the memories that must be block RAM hold 2097152 (4 x bank.storage"
            + " (4096 x 128)): some memory (scratchpad bank) was built from LUTs or flip-flops"),
        expected.problems(short16));
    ResourceReport enough = new ResourceReport("t", Flow.XILINX, Map.of("DSP48E1", 16, "RAMB36E1", 64));
    assertEquals(List.of(), expected.problems(enough));
    assertEquals(List.of(), expected.problems(new ResourceReport("t", Flow.GENERIC, Map.of())));
  }
}
