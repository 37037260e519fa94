package dev.serrano.hdl.ir;

/** A combinational net, driven by exactly one assignment or one instance output. */
public record Wire(String name, Type type, SourceLocation source) {}
