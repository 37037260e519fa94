package dev.serrano.hdl.ir;

import java.util.Optional;

/**
 * A flip-flop vector in its module's clock domain. Without a reset value it is not reset (data paths);
 * with an enable it holds its value while the enable is low.
 */
public record Register(
    String name,
    Type type,
    Optional<Expr> resetValue,
    Optional<Expr> enable,
    Optional<Expr> next,
    SourceLocation source) {}
