package dev.serrano.hdl.ir;

/** A module port; {@code group} names the interface it belongs to (a comment in the emitted port list). */
public record Port(String name, Direction direction, Type type, String group, SourceLocation source) {}
