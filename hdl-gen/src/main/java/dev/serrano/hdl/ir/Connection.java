package dev.serrano.hdl.ir;

/** A named port connection of an instance: inputs take any expression, outputs a Ref to a wire or output port. */
public record Connection(String port, Expr value) {}
