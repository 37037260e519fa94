package dev.serrano.testbench.sim;

/**
 * One completed AXI4-Lite operation.
 *
 * @param operation what was asked
 * @param address the byte address
 * @param value the data read (the last read of a poll); 0 for a write
 * @param response BRESP or RRESP
 * @param matched for a poll, whether the value matched before its cycle limit; true otherwise
 * @param cycle {@link Simulation#cycle()} at the edge that completed it
 */
public record AxiLiteResult(AxiLiteMaster.Operation operation, long address, long value, AxiResponse response,
    boolean matched, long cycle) {

  public boolean okay() {
    return response == AxiResponse.OKAY;
  }
}
