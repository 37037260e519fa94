// Native reference loop for the simulation benchmark: loads the very library Java uses and drives
// the model from C++ only, so the difference to the Java figures is the cost of the bridge.
// Usage: harness <libserrano_sim.so> steps <cycles>
//        harness <libserrano_sim.so> pokes <cycles> <input port> <input port> <output port>
// Prints "<nanoseconds per cycle> <checksum>".
#include "serrano_abi.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <vector>

namespace {

const serrano_port_entry* g_ports = nullptr;

// Fills a port with pseudo-random bits, clearing the bits above its width as Java does.
void poke(void* storage, const serrano_port_entry& port, uint64_t& state) {
  unsigned char buffer[4096];
  for (int i = 0; i < port.bytes; i += 8) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    std::memcpy(buffer + i, &state, port.bytes - i < 8 ? port.bytes - i : 8);
  }
  const int top_bits = port.width % 8;
  if (top_bits != 0) buffer[(port.width - 1) / 8] &= static_cast<unsigned char>((1u << top_bits) - 1);
  for (int i = (port.width + 7) / 8; i < port.bytes; ++i) buffer[i] = 0;
  std::memcpy(storage, buffer, port.bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: harness <lib> steps <cycles> | pokes <cycles> <in> <in> <out>\n");
    return 2;
  }
  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    std::fprintf(stderr, "%s\n", dlerror());
    return 2;
  }
  auto create = reinterpret_cast<serrano_create_fn>(dlsym(library, "serrano_create"));
  g_ports = static_cast<const serrano_port_entry*>(dlsym(library, "serrano_ports"));
  void* instance = create(nullptr, 0);
  const serrano_vtable* vt = static_cast<serrano_instance*>(instance)->vtable;
  const bool pokes = std::strcmp(argv[2], "pokes") == 0;
  const long long cycles = std::atoll(argv[3]);
  uint64_t checksum = 0;
  uint64_t state = 1;

  auto start = std::chrono::steady_clock::now();
  if (!pokes) {
    vt->step(instance, cycles);
    checksum = static_cast<uint64_t>(vt->cycles(instance));
  } else {
    const int a = std::atoi(argv[4]);
    const int b = std::atoi(argv[5]);
    const int out = std::atoi(argv[6]);
    void* a_storage = vt->port_address(instance, a);
    void* b_storage = vt->port_address(instance, b);
    const void* out_storage = vt->port_address(instance, out);
    std::vector<unsigned char> result(g_ports[out].bytes);
    for (long long i = 0; i < cycles; ++i) {
      poke(a_storage, g_ports[a], state);
      poke(b_storage, g_ports[b], state);
      vt->step(instance, 1);
      std::memcpy(result.data(), out_storage, result.size());
      uint32_t low;
      std::memcpy(&low, result.data(), sizeof low);
      checksum += low;
    }
  }
  auto elapsed = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.3f %llu\n", elapsed / static_cast<double>(cycles), static_cast<unsigned long long>(checksum));
  vt->destroy(instance);
  return 0;
}
