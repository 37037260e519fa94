package dev.serrano.testbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
  @Test
  void theGridIsACrossProductWithTheLastParameterFastest() {
    SweepSpec spec = SweepSpec.parse("grid", """
        {"parameters": {"rows": [2, 4], "cols": [3, 5], "reset": ["async_low"]},
         "workloads": [{"m": 1, "n": 2, "k": 3}, {"name": "decode", "m": 1, "n": 16, "k": 16}]}
        """);
    assertEquals(List.of("rows=2,cols=3,reset=async_low", "rows=2,cols=5,reset=async_low",
        "rows=4,cols=3,reset=async_low", "rows=4,cols=5,reset=async_low"),
        spec.configurations().stream().map(SweepSpec.Configuration::name).toList());
    assertEquals(List.of("rows=2,cols=3,reset=async_low@gemm-1x2x3", "rows=2,cols=3,reset=async_low@decode"),
        spec.points().subList(0, 2).stream().map(SweepSpec.Point::key).toList());
    assertEquals(8, spec.points().size());
  }

  @Test
  void gridsInAListFollowOneAnotherAndTheFileRoundTrips() {
    SweepSpec spec = SweepSpec.parse("grids", """
        {"parameters": [{"rows": [2], "cols": [2]}, {"rows": [4], "cols": [4]}, {"dataWidth": [64]}],
         "workloads": [{"m": 8, "n": 6, "k": 10}]}
        """);
    assertEquals(List.of("rows=2,cols=2", "rows=4,cols=4", "dataWidth=64"),
        spec.configurations().stream().map(SweepSpec.Configuration::name).toList());
    assertEquals(List.of("rows", "cols", "dataWidth"), spec.parameterNames());
    assertEquals(spec.toJson(), SweepSpec.parse("written", spec.toJson()).toJson());
    assertEquals(List.of("generic", "ice40", "xilinx"), spec.areaFlows(), "every flow unless told");
    assertEquals(500, spec.clockMhz());
  }

  @Test
  void aGridMayNameTheTopAndTheSpecItsFlowsAndClock() {
    SweepSpec spec = SweepSpec.parse("tops", """
        {"parameters": [{"rows": [4]}, {"top": ["pe_array"], "rows": [4], "dataflow": ["ws", "os"]}],
         "workloads": [{"m": 8, "n": 6, "k": 10}], "area": ["xilinx"], "clockMhz": 250}
        """);
    assertEquals(List.of("accelerator", "pe_array", "pe_array"),
        spec.configurations().stream().map(SweepSpec.Configuration::top).toList());
    assertEquals(java.util.Map.of("rows", "4", "dataflow", "os"), spec.configurations().get(2).catalogParameters());
    assertEquals(List.of("xilinx"), spec.areaFlows());
    assertEquals(250, spec.clockMhz());
    assertEquals(spec.toJson(), SweepSpec.parse("written", spec.toJson()).toJson());
  }

  @Test
  void noParametersIsTheCatalogDefault() {
    SweepSpec spec = SweepSpec.parse("defaults", "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertEquals(List.of("defaults@gemm-1x1x1"), spec.points().stream().map(SweepSpec.Point::key).toList());
  }

  @Test
  void badInputNamesTheFieldAndTheAllowedValues() {
    assertError("f: not valid JSON", "{");
    assertError("f: workloads must be an array of GEMMs", "{\"parameters\": {}}");
    assertError("f: workloads must list at least one GEMM", "{\"workloads\": []}");
    assertError("f: workloads[0].k must be a whole number from 1 to 16384, got 0",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 0}]}");
    assertError("f: workloads[0].m must be a whole number from 1 to 16384, got nothing",
        "{\"workloads\": [{\"n\": 1, \"k\": 1}]}");
    assertError("f: workloads[0]: unknown field \"kk\" (known: [k, m, n, name, network])",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1, \"kk\": 1}]}");
    assertError("f: workloads[0]: unknown field \"network\" (known: [name, topology])",
        "{\"workloads\": [{\"topology\": \"t.csv\", \"network\": \"x\"}]}");
    assertError("f: preset must be one of [resnet18, transformer-prefill, transformer-decode], got \"bert\"",
        "{\"workloads\": [{\"preset\": \"bert\"}]}");
    assertError("f: the top level: unknown field \"parameter\"",
        "{\"parameter\": {}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters.rows must be an array of values, got 4",
        "{\"parameters\": {\"rows\": 4}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters.rows must list at least one value",
        "{\"parameters\": {\"rows\": []}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters.rows lists a value twice: [4, 4]",
        "{\"parameters\": {\"rows\": [4, 4]}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters.rows \"4,5\" must be letters, digits",
        "{\"parameters\": {\"rows\": [\"4,5\"]}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters: the configuration rows=4 comes twice",
        "{\"parameters\": [{\"rows\": [4]}, {\"rows\": [4]}], \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: parameters.top must be one of [accelerator, pe_array], got \"fifo\"",
        "{\"parameters\": {\"top\": [\"fifo\"]}, \"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}]}");
    assertError("f: area must list flows from [generic, ice40, xilinx], got \"ecp\"",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}], \"area\": [\"ecp\"]}");
    assertError("f: area must be an array of flows from [generic, ice40, xilinx], got \"generic\"",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}], \"area\": \"generic\"}");
    assertError("f: area lists a flow twice: [ice40, ice40]",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}], \"area\": [\"ice40\", \"ice40\"]}");
    assertError("f: clockMhz must be above 0 and at most 100000, got 0.0",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}], \"clockMhz\": 0}");
    assertError("f: clockMhz must be a number above 0 and at most 100000, got \"fast\"",
        "{\"workloads\": [{\"m\": 1, \"n\": 1, \"k\": 1}], \"clockMhz\": \"fast\"}");
    assertError("f: workloads: the name \"a\" is used twice",
        "{\"workloads\": [{\"name\": \"a\", \"m\": 1, \"n\": 1, \"k\": 1},"
            + " {\"name\": \"a\", \"m\": 2, \"n\": 1, \"k\": 1}]}");
  }

  private static void assertError(String start, String text) {
    SweepSpecException e = assertThrows(SweepSpecException.class, () -> SweepSpec.parse("f", text));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
