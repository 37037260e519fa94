package dev.serrano.hdl.checks;

import dev.serrano.hdl.ir.Design;
import java.util.List;

/** A read-only rule over a design. Implementations add findings and never change the design. */
interface Check {
  void check(Design design, List<Finding> findings);
}
