package dev.serrano.testbench.sim;

/**
 * An AXI4-Lite operation through {@link AxiLiteMaster}'s one-operation calls got a response other
 * than OKAY (SLVERR for an unmapped address), or a poll did not match in time. The simulation goes
 * on; the batched calls return such results instead of throwing.
 */
public class AxiLiteResponseException extends RuntimeException {

  private final AxiLiteResult result;

  AxiLiteResponseException(String message, AxiLiteResult result) {
    super(message);
    this.result = result;
  }

  public AxiLiteResult result() {
    return result;
  }
}
