package dev.serrano.testbench.accel;

/**
 * The dependency flags of a LOAD, COMPUTE or STORE (stages LOAD -> COMPUTE -> STORE): take a token
 * from the previous / next stage before starting, give one to it on completion.
 */
public record Tokens(boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {
  public static final Tokens NONE = new Tokens(false, false, false, false);

  public Tokens withPopPrev(boolean on) {
    return new Tokens(on, popNext, pushPrev, pushNext);
  }

  public Tokens withPopNext(boolean on) {
    return new Tokens(popPrev, on, pushPrev, pushNext);
  }

  public Tokens withPushPrev(boolean on) {
    return new Tokens(popPrev, popNext, on, pushNext);
  }

  public Tokens withPushNext(boolean on) {
    return new Tokens(popPrev, popNext, pushPrev, on);
  }
}
