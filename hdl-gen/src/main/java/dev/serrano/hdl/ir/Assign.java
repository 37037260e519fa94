package dev.serrano.hdl.ir;

/** A continuous assignment to a wire or an output port. */
public record Assign(String target, Expr value, SourceLocation source) {}
