package dev.serrano.hdl.ir;

/**
 * Data a library component emits beside its Verilog, carried by the module that owns it: a file
 * named after the top ({@code <top><suffix>}, e.g. the C header of a register map) or a section of
 * the interface JSON (a key and its JSON text). Only the top module's attachments are emitted, so a
 * top that wraps a component attaches what its users should see.
 */
public sealed interface Attachment {

  /** A text file {@code <top><suffix>} written with the Verilog. */
  record File(String suffix, String content) implements Attachment {
    public File {
      if (!suffix.matches("[A-Za-z0-9_.-]+") || suffix.endsWith(".v") || suffix.equals(".f")
          || suffix.equals(".json")) {
        throw new IllegalArgumentException("attachment suffix \"" + suffix
            + "\" must be letters, digits, '_', '.', '-' and must not clash with the .v, .f and .json files");
      }
    }
  }

  /** A key of the interface JSON whose value is {@code json} (an array or object, as text). */
  record InterfaceSection(String key, String json) implements Attachment {}
}
