/** Benchmarks run from scripts (never timed unit tests); their results go into the README. */
package dev.serrano.hdl.bench;
