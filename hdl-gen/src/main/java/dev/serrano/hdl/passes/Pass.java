package dev.serrano.hdl.passes;

import dev.serrano.hdl.ir.Design;

/** A transformation of a checked design that keeps its behaviour. */
interface Pass {
  Design apply(Design design);
}
