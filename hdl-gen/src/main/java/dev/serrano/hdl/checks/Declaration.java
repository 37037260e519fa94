package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.SourceLocation;
import dev.serrano.hdl.ir.Type;

/** A name declared in a module, with what kind of thing it names. */
record Declaration(String name, Kind kind, Type type, SourceLocation source) {
  enum Kind {
    INPUT("input port"), OUTPUT("output port"), WIRE("wire"), REGISTER("register"),
    MEMORY_DATA("memory read register"), MEMORY("memory"), INSTANCE("instance");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  boolean isValue() {
    return kind != Kind.MEMORY && kind != Kind.INSTANCE;
  }

  String describe() {
    return kind.label + " " + name;
  }
}
