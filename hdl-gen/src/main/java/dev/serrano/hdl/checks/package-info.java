/**
 * Checks: read-only passes over the IR. Each check collects every finding it sees; {@link
 * dev.serrano.hdl.checks.Checks#verify} runs them all and fails once with every message, each
 * naming the signal path and the Java file:line of the builder call behind it.
 */
package dev.serrano.hdl.checks;
