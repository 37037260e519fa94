package dev.serrano.testbench.build;

import dev.serrano.testbench.design.DesignInterface;
import java.nio.file.Path;

/**
 * A design built into a shared library.
 *
 * @param design the interface the library was generated from
 * @param library the shared library exporting the shim's C ABI
 * @param workspace the cache entry: sources, build log, {@code key.txt}, {@code rebuild.sh}
 * @param trace the waveform support compiled in
 * @param key the SHA-256 cache key
 */
public record CompiledDesign(DesignInterface design, Path library, Path workspace, TraceKind trace, String key) {}
