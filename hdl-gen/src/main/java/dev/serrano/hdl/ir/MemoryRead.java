package dev.serrano.hdl.ir;

/**
 * A synchronous read port: on a rising clock edge with {@code enable} high, the register named
 * {@code data} takes word {@code address}; it holds its value otherwise.
 */
public record MemoryRead(String data, Expr enable, Expr address, SourceLocation source) {}
