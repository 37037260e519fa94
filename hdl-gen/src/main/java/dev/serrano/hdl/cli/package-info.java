/** The command line: {@code serrano generate} and {@code serrano list}. */
package dev.serrano.hdl.cli;
