package dev.serrano.hdl.lib;

import dev.serrano.hdl.ir.ResetStyle;
import java.util.Locale;

/** The reset style as configured by users ({@code sync_high}, ...) and as encoded in module names. */
public final class Resets {
  public static final String ALLOWED = "sync_high, sync_low, async_high, async_low";

  private Resets() {}

  public static ResetStyle parse(String parameter, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "sync_high" -> ResetStyle.SYNC_ACTIVE_HIGH;
      case "sync_low" -> ResetStyle.SYNC_ACTIVE_LOW;
      case "async_high" -> ResetStyle.ASYNC_ACTIVE_HIGH;
      case "async_low" -> ResetStyle.ASYNC_ACTIVE_LOW;
      default -> throw new ConfigException(parameter + " must be one of " + ALLOWED + ", got \"" + text + "\"");
    };
  }

  /** Empty for the default synchronous active-high reset, so default names stay short. */
  public static String nameSuffix(ResetStyle style) {
    return switch (style) {
      case SYNC_ACTIVE_HIGH -> "";
      case SYNC_ACTIVE_LOW -> "_rn";
      case ASYNC_ACTIVE_HIGH -> "_ar";
      case ASYNC_ACTIVE_LOW -> "_arn";
    };
  }

  public static String parameterValue(ResetStyle style) {
    return (style.synchronous() ? "sync_" : "async_") + (style.activeLow() ? "low" : "high");
  }
}
