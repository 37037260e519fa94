// The plain C ABI between a design's shim library and the Java side (through the dispatcher).
// Every function takes primitives or pointers only, so JNA direct mapping can call it.
#ifndef SERRANO_ABI_H
#define SERRANO_ABI_H
#include <stdint.h>

#define SERRANO_ABI_VERSION 3

// Status codes returned by every call that runs the model.
#define SERRANO_OK 0
#define SERRANO_FINISHED 1       // $finish was executed
#define SERRANO_STOPPED 2        // $stop or $fatal was executed
#define SERRANO_FATAL 3          // the Verilator runtime called vl_fatal (or the trace could not open)
#define SERRANO_CONDITION_MET 4  // run_until saw its condition
#define SERRANO_MAX_CYCLES 5     // run_until ran out of cycles
#define SERRANO_OUT_OF_RANGE 6   // mem_copy: no such memory, or words outside it (the model is unchanged)

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

#endif
