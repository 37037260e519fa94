package dev.serrano.hdl.ir;

/** A generation parameter, recorded in headers and the interface JSON. */
public record Parameter(String name, String value) {}
