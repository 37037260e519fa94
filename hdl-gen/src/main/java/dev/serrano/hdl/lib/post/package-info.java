/**
 * The store path's post-processing: {@link dev.serrano.hdl.lib.post.PostProcess} turns accumulator
 * rows into output rows (bias, TensorFlow Lite requantisation, zero point, clamp, int8 packing)
 * between the accumulator memory and the DMA store engine.
 */
package dev.serrano.hdl.lib.post;
