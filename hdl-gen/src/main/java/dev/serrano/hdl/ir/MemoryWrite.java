package dev.serrano.hdl.ir;

/** A synchronous write port: on a rising clock edge with {@code enable} high, word {@code address} takes {@code data}. */
public record MemoryWrite(Expr enable, Expr address, Expr data, SourceLocation source) {}
