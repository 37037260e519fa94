/**
 * The component library: accelerator building blocks described with the public builder API only.
 * Each component takes a validating configuration record and states its handshake contract and
 * latency in its Javadoc. {@link dev.serrano.hdl.lib.Catalog} names the tops the CLI can generate.
 */
package dev.serrano.hdl.lib;
