package dev.serrano.hdl.ir;

import java.util.List;
import java.util.function.Consumer;

/** Walks expression trees (iteratively: generated expressions can be deep). */
public final class Exprs {
  private Exprs() {}

  /** Visits every node, parents before children. */
  public static void forEachNode(Expr root, Consumer<Expr> visitor) {
    java.util.ArrayDeque<Expr> stack = new java.util.ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Expr e = stack.pop();
      visitor.accept(e);
      for (Expr child : children(e)) {
        stack.push(child);
      }
    }
  }

  public static void forEachRef(Expr root, Consumer<Expr.Ref> visitor) {
    forEachNode(root, e -> {
      if (e instanceof Expr.Ref r) {
        visitor.accept(r);
      }
    });
  }

  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Mux m) {
      return List.of(m.select(), m.whenTrue(), m.whenFalse());
    } else if (e instanceof Expr.Concat c) {
      return c.parts();
    } else if (e instanceof Expr.Slice s) {
      return List.of(s.operand());
    } else if (e instanceof Expr.Resize r) {
      return List.of(r.operand());
    }
    return List.of();
  }
}
