package dev.serrano.hdl.ir;

import java.util.List;

/** A submodule instance with named connections, in the submodule's port order. */
public record Instance(String name, Module module, List<Connection> connections, SourceLocation source) {
  public Instance {
    connections = List.copyOf(connections);
  }
}
