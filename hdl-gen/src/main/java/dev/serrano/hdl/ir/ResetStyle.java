package dev.serrano.hdl.ir;

/** How a clock domain's reset acts. One style per design, chosen by its configuration. */
public enum ResetStyle {
  SYNC_ACTIVE_HIGH(true, false),
  SYNC_ACTIVE_LOW(true, true),
  ASYNC_ACTIVE_HIGH(false, false),
  ASYNC_ACTIVE_LOW(false, true);

  private final boolean synchronous;
  private final boolean activeLow;

  ResetStyle(boolean synchronous, boolean activeLow) {
    this.synchronous = synchronous;
    this.activeLow = activeLow;
  }

  public boolean synchronous() {
    return synchronous;
  }

  public boolean activeLow() {
    return activeLow;
  }

  /** The conventional port name: {@code rst} or {@code rst_n}. */
  public String defaultPortName() {
    return activeLow ? "rst_n" : "rst";
  }
}
