package dev.serrano.hdl.tools;

/** An external tool is not installed; the message says how to install it. */
public final class ToolMissingException extends RuntimeException {
  public ToolMissingException(String tool, String debianPackage) {
    super(tool + " is not installed: run `apt-get install " + debianPackage
        + "` (scripts/run and scripts/test do it when run as root)");
  }
}
