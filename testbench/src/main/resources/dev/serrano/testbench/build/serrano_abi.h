// The plain C ABI between a design's shim library and the Java side (through the dispatcher).
// Every function takes primitives or pointers only, so JNA direct mapping can call it.
#ifndef SERRANO_ABI_H
#define SERRANO_ABI_H
#include <stdint.h>

#define SERRANO_ABI_VERSION 5

// Status codes returned by every call that runs the model.
#define SERRANO_OK 0
#define SERRANO_FINISHED 1       // $finish was executed
#define SERRANO_STOPPED 2        // $stop or $fatal was executed
#define SERRANO_FATAL 3          // the Verilator runtime called vl_fatal (or the trace could not open)
#define SERRANO_CONDITION_MET 4  // run_until saw its condition
#define SERRANO_MAX_CYCLES 5     // run_until ran out of cycles
#define SERRANO_OUT_OF_RANGE 6   // mem_copy: no such memory, or words outside it (the model is unchanged)
#define SERRANO_AXI_VIOLATION 7  // an AXI memory model saw a protocol violation (message: "<bus>: cycle <n>, channel <C>: ...")
#define SERRANO_BAD_ARGUMENT 8   // bus_*: no such bus, unknown key, or a value refused (the model is unchanged)

typedef struct serrano_vtable {
  int32_t abi_version;
  void (*destroy)(void* instance);
  int32_t (*eval)(void* instance);
  int32_t (*step)(void* instance, int64_t cycles);
  int32_t (*run_until)(void* instance, int64_t max_cycles, int32_t port, int64_t mask, int64_t value);
  int64_t (*cycles)(void* instance);
  void* (*port_address)(void* instance, int32_t port);
  int32_t (*message)(void* instance, char* buffer, int32_t length);
  // Pauses (0) or resumes (1) waveform dumping; returns 1 if the instance has a waveform file.
  int32_t (*trace)(void* instance, int32_t on);
  // Copies word_count whole words starting at word first_word between memory number `memory`
  // (interface-JSON order) and `buffer`: into the model if to_model != 0, else out of it. In the
  // buffer each word takes ceil(width / 32) 32-bit chunks, least significant first, in native
  // (little-endian) order, the layout of ports wider than 64 bits; bits above the width are
  // cleared when writing. Works after the simulation has ended too. Returns SERRANO_OK or
  // SERRANO_OUT_OF_RANGE.
  int32_t (*mem_copy)(void* instance, int32_t memory, int64_t first_word, int64_t word_count, void* buffer,
                      int32_t to_model);
  // AXI memory models, one per bus of the interface JSON (index in JSON order); the keys and
  // counters are listed in serrano_axi_slave.h. Works between steps and after the simulation ended.
  // Sets configuration `key` with up to three arguments; SERRANO_OK or SERRANO_BAD_ARGUMENT.
  int32_t (*bus_configure)(void* instance, int32_t bus, int32_t key, int64_t a, int64_t b, int64_t c);
  // The bus's memory (byte 0 is the base address), with base and size stored into base_and_size[0..1];
  // NULL for no such bus. A pointer stays valid until the instance is destroyed.
  void* (*bus_memory)(void* instance, int32_t bus, int64_t* base_and_size);
  // Copies up to `count` counters into `out`; returns how many were copied, -1 for no such bus.
  int32_t (*bus_counters)(void* instance, int32_t bus, int64_t* out, int32_t count);
  // AXI4-Lite masters (buses of protocol axi4-lite where the design is the slave; serrano_axil_master.h).
  // Queues `count` operations of four int64 each: kind (1 write, 2 read, 3 poll), address, then
  // write: data | strobes << 32; read: 0; poll: value | mask << 32, then the poll's cycle limit
  // (>= 1; 0 otherwise). All or none are queued: SERRANO_OK or SERRANO_BAD_ARGUMENT.
  int32_t (*lite_submit)(void* instance, int32_t bus, const int64_t* ops, int32_t count);
  // Moves up to max_results completed operations, in order, into out (two int64 each: data |
  // resp << 32 | matched << 34, and the cycle count at completion); returns how many, -1 for no such bus.
  int32_t (*lite_results)(void* instance, int32_t bus, int64_t* out, int32_t max_results);
  // Settles, then runs cycles until the bus has no queued or active operation: SERRANO_CONDITION_MET,
  // SERRANO_MAX_CYCLES after max_cycles, or the status that ended the simulation.
  int32_t (*lite_run)(void* instance, int32_t bus, int64_t max_cycles);
} serrano_vtable;

// Every instance starts with its vtable, so one dispatcher serves every design.
typedef struct serrano_instance {
  const serrano_vtable* vtable;
} serrano_instance;

// Exported by each shim library. trace_path may be NULL (no waveform).
typedef void* (*serrano_create_fn)(const char* trace_path, int64_t seed);

// Static port table of a shim library, in interface-JSON order.
typedef struct serrano_port_entry {
  const char* name;
  int32_t width;
  int32_t bytes;
  int32_t is_input;
} serrano_port_entry;

// Static bus table of a shim library, in interface-JSON order.
typedef struct serrano_bus_entry {
  const char* name;
  int32_t data_width;
} serrano_bus_entry;

#endif
