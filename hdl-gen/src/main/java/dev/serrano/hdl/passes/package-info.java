/**
 * Passes: functions from a checked design to an equivalent design in the form an emitter needs.
 * {@link dev.serrano.hdl.passes.Pipeline} lists them in order.
 */
package dev.serrano.hdl.passes;
