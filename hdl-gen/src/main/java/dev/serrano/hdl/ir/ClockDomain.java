package dev.serrano.hdl.ir;

import java.util.Optional;

/** The clock (rising edge) of a module and its optional reset. */
public record ClockDomain(String clock, Optional<String> reset, ResetStyle resetStyle) {}
