// Replays a simulation tape recorded by the Java testbench against a workspace's shim library,
// without Java. Usage: replay <libserrano_sim.so> <tape.txt> [wave.vcd|wave.fst]
// Tape lines: "set <port> <hex>", "eval", "step <cycles>", "run_until <port> <mask-hex> <value-hex> <max>",
// "mem_write <memory-index> <first-word> <word-count> <chunk-hex>..." (32-bit chunks, as mem_copy takes them),
// "bus_configure <bus-index> <key> <a> <b> <c>" (decimal, as bus_configure takes them),
// "bus_write <bus-index> <memory-offset> <length> <side-file> <file-offset>" (bytes from a file beside the tape),
// "lite_submit <bus-index> <kind> <address> <a> <b>" (one AXI4-Lite operation, decimal, as lite_submit takes it),
// "lite_run <bus-index> <max-cycles>" (prints each completed operation's result).
#include "serrano_abi.h"

#include <dlfcn.h>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const serrano_port_entry* g_ports = nullptr;
int32_t g_port_count = 0;

int port_index(const std::string& name) {
  for (int i = 0; i < g_port_count; ++i) {
    if (name == g_ports[i].name) return i;
  }
  std::cerr << "replay: unknown port " << name << "\n";
  std::exit(2);
}

// Writes a big-endian hex value into little-endian port storage.
void write_hex(void* storage, int32_t bytes, const std::string& hex) {
  std::vector<unsigned char> value(bytes, 0);
  int byte = 0;
  for (int i = static_cast<int>(hex.size()) - 1; i >= 0 && byte < bytes; i -= 2, ++byte) {
    std::string pair = hex.substr(i > 0 ? i - 1 : 0, i > 0 ? 2 : 1);
    value[byte] = static_cast<unsigned char>(std::stoul(pair, nullptr, 16));
  }
  std::memcpy(storage, value.data(), bytes);
}

std::string read_hex(const void* storage, int32_t bytes) {
  const unsigned char* value = static_cast<const unsigned char*>(storage);
  std::string text;
  char pair[3];
  for (int i = bytes - 1; i >= 0; --i) {
    std::snprintf(pair, sizeof pair, "%02x", value[i]);
    text += pair;
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: replay <libserrano_sim.so> <tape.txt> [wave.vcd|wave.fst]\n";
    return 2;
  }
  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    std::cerr << "replay: " << dlerror() << "\n";
    return 2;
  }
  auto create = reinterpret_cast<serrano_create_fn>(dlsym(library, "serrano_create"));
  g_ports = static_cast<const serrano_port_entry*>(dlsym(library, "serrano_ports"));
  g_port_count = *static_cast<const int32_t*>(dlsym(library, "serrano_port_count"));
  void* instance = create(argc > 3 ? argv[3] : nullptr, 0);
  const serrano_vtable* vt = static_cast<serrano_instance*>(instance)->vtable;

  const std::string tape_path = argv[2];
  const std::string tape_folder = tape_path.find('/') == std::string::npos ? "." : tape_path.substr(0, tape_path.rfind('/'));
  const int32_t bus_count = *static_cast<const int32_t*>(dlsym(library, "serrano_bus_count"));
  const serrano_bus_entry* buses = static_cast<const serrano_bus_entry*>(dlsym(library, "serrano_buses"));
  std::ifstream tape(tape_path);
  std::string line;
  int32_t status = vt->eval(instance);
  while (status == SERRANO_OK && std::getline(tape, line)) {
    std::istringstream words(line);
    std::string command;
    words >> command;
    if (command == "set") {
      std::string port, hex;
      words >> port >> hex;
      int index = port_index(port);
      write_hex(vt->port_address(instance, index), g_ports[index].bytes, hex);
    } else if (command == "mem_write") {
      int32_t memory = 0;
      long long first = 0, count = 0;
      words >> memory >> first >> count;
      std::vector<uint32_t> chunks;
      std::string hex;
      while (words >> hex) chunks.push_back(static_cast<uint32_t>(std::stoul(hex, nullptr, 16)));
      if (vt->mem_copy(instance, memory, first, count, chunks.data(), 1) != SERRANO_OK) {
        std::cerr << "replay: mem_write outside memory " << memory << ": " << line << "\n";
        return 2;
      }
    } else if (command == "bus_configure") {
      int32_t bus = 0, key = 0;
      long long a = 0, b = 0, c = 0;
      words >> bus >> key >> a >> b >> c;
      if (vt->bus_configure(instance, bus, key, a, b, c) != SERRANO_OK) {
        std::cerr << "replay: refused: " << line << "\n";
        return 2;
      }
    } else if (command == "bus_write") {
      int32_t bus = 0;
      long long offset = 0, length = 0, file_offset = 0;
      std::string file;
      words >> bus >> offset >> length >> file >> file_offset;
      int64_t base_and_size[2] = {0, 0};
      uint8_t* memory = static_cast<uint8_t*>(vt->bus_memory(instance, bus, base_and_size));
      std::ifstream data(tape_folder + "/" + file, std::ios::binary);
      data.seekg(file_offset);
      if (memory == nullptr || offset < 0 || length < 0 || offset + length > base_and_size[1] ||
          !data.read(reinterpret_cast<char*>(memory + offset), length)) {
        std::cerr << "replay: cannot apply " << line << "\n";
        return 2;
      }
    } else if (command == "lite_submit") {
      int32_t bus = 0;
      long long op[4] = {0, 0, 0, 0};
      words >> bus >> op[0] >> op[1] >> op[2] >> op[3];
      const int64_t ops[4] = {op[0], op[1], op[2], op[3]};
      if (vt->lite_submit(instance, bus, ops, 1) != SERRANO_OK) {
        std::cerr << "replay: refused: " << line << "\n";
        return 2;
      }
    } else if (command == "lite_run") {
      int32_t bus = 0;
      long long max = 0;
      words >> bus >> max;
      status = vt->lite_run(instance, bus, max);
      if (status == SERRANO_CONDITION_MET || status == SERRANO_MAX_CYCLES) {
        std::cout << "lite_run " << buses[bus].name << ": " << (status == SERRANO_CONDITION_MET ? "idle" : "busy") << "\n";
        status = SERRANO_OK;
      }
      int64_t result[2];
      while (vt->lite_results(instance, bus, result, 1) == 1) {
        std::printf("  result data 0x%08llx resp %lld matched %lld at cycle %lld\n",
                    static_cast<unsigned long long>(result[0] & 0xffffffffll), static_cast<long long>((result[0] >> 32) & 3),
                    static_cast<long long>((result[0] >> 34) & 1), static_cast<long long>(result[1]));
      }
    } else if (command == "eval") {
      status = vt->eval(instance);
    } else if (command == "step") {
      long long cycles = 0;
      words >> cycles;
      status = vt->step(instance, cycles);
    } else if (command == "run_until") {
      std::string port, mask, value;
      long long max = 0;
      words >> port >> mask >> value >> max;
      status = vt->run_until(instance, max, port_index(port), static_cast<int64_t>(std::stoull(mask, nullptr, 16)),
                             static_cast<int64_t>(std::stoull(value, nullptr, 16)));
      if (status == SERRANO_CONDITION_MET || status == SERRANO_MAX_CYCLES) {
        std::cout << "run_until " << port << ": " << (status == SERRANO_CONDITION_MET ? "met" : "not met") << "\n";
        status = SERRANO_OK;
      }
    } else if (!command.empty() && command[0] != '#') {
      // A tape from a newer testbench than this replay program: replaying on would diverge.
      std::cerr << "replay: unknown tape line: " << line << "\n";
      return 2;
    }
  }
  std::cout << "cycle " << vt->cycles(instance) << "\n";
  for (int i = 0; i < g_port_count; ++i) {
    std::cout << g_ports[i].name << " = 0x" << read_hex(vt->port_address(instance, i), g_ports[i].bytes) << "\n";
  }
  for (int i = 0; i < bus_count; ++i) {
    int64_t counters[32];
    const int32_t n = vt->bus_counters(instance, i, counters, 32);
    std::cout << "bus " << buses[i].name << " counters";
    for (int k = 0; k < n; ++k) std::cout << " " << counters[k];
    std::cout << "\n";
  }
  if (status != SERRANO_OK) {
    char message[4096];
    vt->message(instance, message, sizeof message);
    std::cout << "status " << status << ": " << message << "\n";
  }
  vt->destroy(instance);
  return status == SERRANO_OK ? 0 : 1;
}
