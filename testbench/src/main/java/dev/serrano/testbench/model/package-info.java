/**
 * Reference models: the bit-exact arithmetic of the generated hardware and its analytical cycle
 * models, written from the published definitions and the components' documented contracts.
 */
package dev.serrano.testbench.model;
