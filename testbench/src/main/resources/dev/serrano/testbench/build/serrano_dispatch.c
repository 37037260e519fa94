// One small library bound once by JNA direct mapping. Each call forwards through the vtable at
// the start of the instance, so any number of design libraries can be used from one Java class.
#include "serrano_abi.h"
#include <stddef.h>

#define EXPORT __attribute__((visibility("default")))
#define VT(instance) (((serrano_instance*)(instance))->vtable)

EXPORT void* serrano_dispatch_create(void* create, const char* trace_path, int64_t seed) {
  return ((serrano_create_fn)create)(trace_path, seed);
}
EXPORT int32_t serrano_dispatch_abi_version(void* instance) { return VT(instance)->abi_version; }
EXPORT void serrano_dispatch_destroy(void* instance) { VT(instance)->destroy(instance); }
EXPORT int32_t serrano_dispatch_eval(void* instance) { return VT(instance)->eval(instance); }
EXPORT int32_t serrano_dispatch_step(void* instance, int64_t cycles) {
  return VT(instance)->step(instance, cycles);
}
EXPORT int32_t serrano_dispatch_run_until(void* instance, int64_t max_cycles, int32_t port,
                                          int64_t mask, int64_t value) {
  return VT(instance)->run_until(instance, max_cycles, port, mask, value);
}
EXPORT int64_t serrano_dispatch_cycles(void* instance) { return VT(instance)->cycles(instance); }
EXPORT void* serrano_dispatch_port_address(void* instance, int32_t port) {
  return VT(instance)->port_address(instance, port);
}
EXPORT int32_t serrano_dispatch_message(void* instance, char* buffer, int32_t length) {
  return VT(instance)->message(instance, buffer, length);
}
EXPORT int32_t serrano_dispatch_trace(void* instance, int32_t on) { return VT(instance)->trace(instance, on); }
EXPORT int32_t serrano_dispatch_mem_copy(void* instance, int32_t memory, int64_t first_word, int64_t word_count,
                                         void* buffer, int32_t to_model) {
  return VT(instance)->mem_copy(instance, memory, first_word, word_count, buffer, to_model);
}
EXPORT int32_t serrano_dispatch_bus_configure(void* instance, int32_t bus, int32_t key, int64_t a, int64_t b,
                                              int64_t c) {
  return VT(instance)->bus_configure(instance, bus, key, a, b, c);
}
EXPORT void* serrano_dispatch_bus_memory(void* instance, int32_t bus, int64_t* base_and_size) {
  return VT(instance)->bus_memory(instance, bus, base_and_size);
}
EXPORT int32_t serrano_dispatch_bus_counters(void* instance, int32_t bus, int64_t* out, int32_t count) {
  return VT(instance)->bus_counters(instance, bus, out, count);
}
EXPORT int32_t serrano_dispatch_lite_submit(void* instance, int32_t bus, const int64_t* ops, int32_t count) {
  return VT(instance)->lite_submit(instance, bus, ops, count);
}
EXPORT int32_t serrano_dispatch_lite_results(void* instance, int32_t bus, int64_t* out, int32_t max_results) {
  return VT(instance)->lite_results(instance, bus, out, max_results);
}
EXPORT int32_t serrano_dispatch_lite_run(void* instance, int32_t bus, int64_t max_cycles) {
  return VT(instance)->lite_run(instance, bus, max_cycles);
}
