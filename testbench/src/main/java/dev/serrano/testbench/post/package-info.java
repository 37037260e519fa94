/** Test-bench helpers for the post-processing unit, on its own and inside the memory system. */
package dev.serrano.testbench.post;
