/**
 * The builder API: Java classes that describe a module (ports, wires, registers, combinational
 * logic, memories, instances) and produce the immutable IR. Every call records the Java file and
 * line that made it, so that checks can point at the builder call behind a finding.
 */
package dev.serrano.hdl.core;
