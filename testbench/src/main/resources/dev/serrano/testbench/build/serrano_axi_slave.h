// AXI4 slave memory model of the Serrano simulation shim: one instance per bus of the interface
// JSON ("buses"), driven natively every cycle so a long run never crosses JNA per beat.
//
// Placement in a cycle (the shim's cycle()): sample() runs with every signal settled, before the
// rising edge: it sees the master's outputs and the model's own outputs, decides which handshakes
// happen at this edge (VALID && READY), runs the protocol checks and applies the handshakes
// (memory writes, queue pushes). The rising edge is then evaluated, and update() decides the
// model's outputs for the next edge (ready signals, R/B valid and payload) and writes them into
// the model's input ports; the falling-edge evaluation lets the DUT's combinational logic see them.
//
// Behaviour (docs/simulation.md, "AXI4 memory model"): responses in AR (AW) order; W beats only for
// a burst whose AW was accepted; INCR, FIXED and WRAP bursts, narrow and unaligned as AXI4 defines
// them; read latency = edges from the AR handshake to the first possible R handshake (>= 1), write
// latency = edges from the last W handshake to the first possible B handshake (>= 1); seeded random
// stalls per channel; error ranges; every violation stops the simulation with a message
// "<bus>: cycle <n>, channel <C>: <what>".
#ifndef SERRANO_AXI_SLAVE_H
#define SERRANO_AXI_SLAVE_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace serrano_axi {

enum Channel { kAr = 0, kAw = 1, kW = 2, kR = 3, kB = 4, kChannels = 5 };

// Configuration keys of bus_configure (serrano_abi.h lists them too).
enum Key {
  kKeyMemory = 1,         // a = base, b = size (both multiples of 4096; size 4 KiB .. 1 GiB)
  kKeyReadLatency = 2,    // a = cycles >= 1
  kKeyWriteLatency = 3,   // a = cycles >= 1
  kKeyStall = 4,          // a = channel (0 AR, 1 AW, 2 W, 3 R, 4 B), b = probability * 2^32 (0 .. 2^32)
  kKeySeed = 5,           // a = seed
  kKeyOutstanding = 6,    // a = read bursts, b = write bursts (1 .. kCapacity)
  kKeyErrorAdd = 7,       // a = low, b = high (exclusive), c = response (2 or 3) | applies << 8 (1 R, 2 W, 3 both)
  kKeyErrorClear = 8,
  kKeyResetCounters = 9,
  // 10 is the AXI4-Lite master's delay key: the keys of both models are one numbering (traces name them).
  kKeyReset = 11,         // a = 1: ARESETn asserted (every burst abandoned), 0: released
};

// Counter indices of bus_counters.
enum Counter {
  kReadBursts, kReadBeats, kReadBytes, kWriteBursts, kWriteBeats, kWriteBytes, kReadErrors, kWriteErrors,
  kStallAr, kStallAw, kStallW, kStallR, kStallB, kHandshakesChecked, kStabilityChecks, kCounterCount
};

constexpr int kCapacity = 256;  // ring capacity: the largest outstanding limit
constexpr uint64_t kPage = 4096;
constexpr uint64_t kMaxMemory = uint64_t{1} << 30;

// A port of the Verilator model: its storage and size (1, 2, 4, 8 bytes or whole 32-bit words).
struct Signal {
  uint8_t* address = nullptr;
  int32_t bytes = 0;
  // Fixed-size loads and stores (a memcpy of variable length would be a library call).
  uint64_t get() const {
    switch (bytes) {
      case 1: return *address;
      case 2: { uint16_t v; std::memcpy(&v, address, 2); return v; }
      case 4: { uint32_t v; std::memcpy(&v, address, 4); return v; }
      default: { uint64_t v; std::memcpy(&v, address, 8); return v; }
    }
  }
  void set(uint64_t value) const {
    switch (bytes) {
      case 1: *address = static_cast<uint8_t>(value); break;
      case 2: { const uint16_t v = static_cast<uint16_t>(value); std::memcpy(address, &v, 2); break; }
      case 4: { const uint32_t v = static_cast<uint32_t>(value); std::memcpy(address, &v, 4); break; }
      default: std::memcpy(address, &value, 8); break;
    }
  }
  bool bit() const { return (*address & 1) != 0; }
  void set_bit(bool on) const { *address = on ? 1 : 0; }
};

template <typename Field>
Signal signal(Field& field) {
  return Signal{reinterpret_cast<uint8_t*>(&field), static_cast<int32_t>(sizeof(Field))};
}

struct Ports {
  Signal awid, awaddr, awlen, awsize, awburst, awlock, awcache, awprot, awqos, awvalid, awready;
  Signal wdata, wstrb, wlast, wvalid, wready;
  Signal bid, bresp, bvalid, bready;
  Signal arid, araddr, arlen, arsize, arburst, arlock, arcache, arprot, arqos, arvalid, arready;
  Signal rid, rdata, rresp, rlast, rvalid, rready;
};

// The address-channel payload, compared field by field for stability.
struct Request {
  uint64_t id, addr, len, size, burst, lock, cache, prot, qos;
};

struct Burst {
  Request request;
  uint64_t cur = 0;        // address of the current beat
  uint64_t wrap_low = 0;   // WRAP: the wrap boundary
  uint64_t wrap_size = 0;  // WRAP: bytes of the wrap window
  uint32_t beat = 0;       // beats done
  uint32_t ticket = 0;     // per-ID order ticket (self-check)
  uint8_t resp = 0;
  int64_t ready_edge = 0;  // reads: first R handshake; writes: first B handshake (set on WLAST)
};

struct ErrorRange {
  uint64_t low, high;
  uint8_t resp;
  uint8_t applies;  // 1 reads, 2 writes, 3 both
};

// splitmix64: one stream per channel, consumed once per cycle when its probability is not zero.
struct Random {
  uint64_t state = 0;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

class Ring {
 public:
  Burst& at(uint32_t index) { return items_[index & (kCapacity - 1)]; }
  uint32_t head = 0, tail = 0;  // [head, tail) are live
  uint32_t size() const { return tail - head; }
  Burst& push() { return at(tail++); }
 private:
  Burst items_[kCapacity];
};

class Slave {
 public:
  Slave() = default;
  Slave(const Slave&) = delete;
  Slave& operator=(const Slave&) = delete;
  ~Slave() {
    for (uint8_t* block : memories_) std::free(block);
  }

  // Binds the ports and allocates the default memory; then drives the outputs for edge 0.
  bool bind(const char* name, int32_t data_bytes, int32_t id_bits, const Ports& ports) {
    name_ = name;
    data_bytes_ = static_cast<uint32_t>(data_bytes);
    ports_ = ports;
    issued_r_.assign(std::size_t{1} << id_bits, 0);
    answered_r_.assign(std::size_t{1} << id_bits, 0);
    issued_b_.assign(std::size_t{1} << id_bits, 0);
    answered_b_.assign(std::size_t{1} << id_bits, 0);
    configure(kKeySeed, 0, 0, 0);
    if (!allocate(0, 16u << 20)) return false;
    update(-1);
    return true;
  }

  const std::string& violation() const { return violation_; }
  const char* name() const { return name_; }

  uint8_t* memory(int64_t* base_and_size) const {
    base_and_size[0] = static_cast<int64_t>(base_);
    base_and_size[1] = static_cast<int64_t>(size_);
    return memory_;
  }

  int32_t counters(int64_t* out, int32_t count) const {
    const int32_t n = count < kCounterCount ? count : kCounterCount;
    for (int32_t i = 0; i < n; ++i) out[i] = counters_[i];
    return n;
  }

  // Returns true if the value is accepted. Takes effect at the next update (outputs for the
  // next edge are already driven), except latencies and error ranges, which apply to bursts
  // accepted from the next edge on.
  bool configure(int32_t key, int64_t a, int64_t b, int64_t c) {
    switch (key) {
      case kKeyMemory:
        if (reads_.size() != 0 || writes_.size() != 0) return false;
        return allocate(static_cast<uint64_t>(a), static_cast<uint64_t>(b));
      case kKeyReadLatency:
        if (a < 1 || a > (int64_t{1} << 32)) return false;
        read_latency_ = a;
        return true;
      case kKeyWriteLatency:
        if (a < 1 || a > (int64_t{1} << 32)) return false;
        write_latency_ = a;
        return true;
      case kKeyStall:
        if (a < 0 || a >= kChannels || b < 0 || b > (int64_t{1} << 32)) return false;
        stall_threshold_[a] = static_cast<uint64_t>(b);
        return true;
      case kKeySeed:
        for (int i = 0; i < kChannels; ++i) random_[i].state = static_cast<uint64_t>(a) * 0x2545F4914F6CDD1Dull + i;
        return true;
      case kKeyOutstanding:
        if (a < 1 || a > kCapacity || b < 1 || b > kCapacity) return false;
        read_limit_ = static_cast<uint32_t>(a);
        write_limit_ = static_cast<uint32_t>(b);
        return true;
      case kKeyErrorAdd: {
        const uint8_t resp = static_cast<uint8_t>(c & 0xff);
        const uint8_t applies = static_cast<uint8_t>((c >> 8) & 0xff);
        if (static_cast<uint64_t>(a) >= static_cast<uint64_t>(b) || (resp != 2 && resp != 3) || applies < 1 ||
            applies > 3) {
          return false;
        }
        errors_.push_back(ErrorRange{static_cast<uint64_t>(a), static_cast<uint64_t>(b), resp, applies});
        return true;
      }
      case kKeyErrorClear:
        errors_.clear();
        return true;
      case kKeyResetCounters:
        for (int64_t& counter : counters_) counter = 0;
        return true;
      case kKeyReset:
        if (a != 0 && a != 1) return false;
        in_reset_ = a == 1;
        if (in_reset_) abandon();
        return true;
      default:
        return false;
    }
  }

  // Before the rising edge `edge` (the number of cycles completed so far). False on a violation.
  bool sample(int64_t edge) {
    edge_ = edge;
    if (in_reset_) return true;  // the master's outputs are undefined until its reset settles them
    const bool arvalid = ports_.arvalid.bit(), arready = ports_.arready.bit();
    const bool awvalid = ports_.awvalid.bit(), awready = ports_.awready.bit();
    const bool wvalid = ports_.wvalid.bit(), wready = ports_.wready.bit();
    const bool rvalid = ports_.rvalid.bit(), rready = ports_.rready.bit();
    const bool bvalid = ports_.bvalid.bit(), bready = ports_.bready.bit();

    // Handshake stability of the master's channels; the current requests are read only when VALID.
    Request ar, aw;
    if (ar_waiting_) {
      if (!check_stable_request(kAr, arvalid, ar_held_, ar, "AR")) return false;
    } else if (arvalid) {
      read_request(ar, true);
    }
    if (aw_waiting_) {
      if (!check_stable_request(kAw, awvalid, aw_held_, aw, "AW")) return false;
    } else if (awvalid) {
      read_request(aw, false);
    }
    if (w_waiting_ && !check_stable_w(wvalid)) return false;

    if (arvalid && arready && !check_request(kAr, ar, "AR")) return false;
    if (awvalid && awready && !check_request(kAw, aw, "AW")) return false;
    if (wvalid && wready && !check_and_write_beat()) return false;

    // Handshakes happen at this edge: apply them.
    if (arvalid && arready) accept(reads_, ar, true);
    if (awvalid && awready) accept(writes_, aw, false);
    if (rvalid && rready && !finish_r_beat()) return false;
    if (bvalid && bready && !finish_b()) return false;

    // What must hold at the next edge.
    // (a request still waiting is unchanged, so only a newly stalled one is copied)
    if (arvalid && !arready && !ar_waiting_) ar_held_ = ar;
    ar_waiting_ = arvalid && !arready;
    if (awvalid && !awready && !aw_waiting_) aw_held_ = aw;
    aw_waiting_ = awvalid && !awready;
    if (wvalid && !wready && !w_waiting_) hold_w();
    w_waiting_ = wvalid && !wready;
    counters_[kStallAr] += ar_waiting_;
    counters_[kStallAw] += aw_waiting_;
    counters_[kStallW] += w_waiting_;
    counters_[kStallR] += rvalid && !rready;
    counters_[kStallB] += bvalid && !bready;
    r_valid_ = rvalid && !rready;
    b_valid_ = bvalid && !bready;
    return true;
  }

  // After the rising edge `edge`: drives the outputs seen at edge + 1.
  void update(int64_t edge) {
    if (in_reset_) {
      drive_idle();
      return;
    }
    const bool stall_ar = draw(kAr), stall_aw = draw(kAw), stall_w = draw(kW);
    const bool stall_r = draw(kR), stall_b = draw(kB);
    ports_.arready.set_bit(reads_.size() < read_limit_ && !stall_ar);
    ports_.awready.set_bit(writes_.size() < write_limit_ && !stall_aw);
    ports_.wready.set_bit(w_next_ != writes_.tail && !stall_w);

    if (!r_valid_) {
      Burst* burst = reads_.size() != 0 ? &reads_.at(reads_.head) : nullptr;
      if (burst != nullptr && burst->ready_edge <= edge + 1 && !stall_r) {
        drive_r(*burst);
        r_valid_ = true;
      } else {
        ports_.rvalid.set_bit(false);
      }
    }
    if (!b_valid_) {
      Burst* burst = writes_.size() != 0 && writes_.head != w_next_ ? &writes_.at(writes_.head) : nullptr;
      if (burst != nullptr && burst->ready_edge <= edge + 1 && !stall_b) {
        ports_.bid.set(burst->request.id);
        ports_.bresp.set(burst->resp);
        ports_.bvalid.set_bit(true);
        b_valid_ = true;
      } else {
        ports_.bvalid.set_bit(false);
      }
    }
  }

 private:
  // AXI4 A3.1.2: in reset a slave drives RVALID and BVALID low; the bursts in flight are forgotten
  // on both sides, so the per-ID order tickets restart level.
  void abandon() {
    reads_.head = reads_.tail;
    writes_.head = writes_.tail;
    w_next_ = writes_.tail;
    answered_r_ = issued_r_;
    answered_b_ = issued_b_;
    ar_waiting_ = aw_waiting_ = w_waiting_ = false;
    r_valid_ = b_valid_ = false;
    drive_idle();
  }

  void drive_idle() {
    ports_.arready.set_bit(false);
    ports_.awready.set_bit(false);
    ports_.wready.set_bit(false);
    ports_.rvalid.set_bit(false);
    ports_.bvalid.set_bit(false);
  }

  bool allocate(uint64_t base, uint64_t size) {
    if (base % kPage != 0 || size % kPage != 0 || size == 0 || size > kMaxMemory || base + size < base) return false;
    uint8_t* block = static_cast<uint8_t*>(std::calloc(size, 1));
    if (block == nullptr) return false;
    // Earlier blocks stay allocated until the instance goes: Java may still hold buffers over them.
    memories_.push_back(block);
    memory_ = block;
    base_ = base;
    size_ = size;
    return true;
  }

  bool draw(int channel) {
    const uint64_t threshold = stall_threshold_[channel];
    if (threshold == 0) return false;
    return (random_[channel].next() >> 32) < threshold;
  }

  void read_request(Request& r, bool read) const {
    const Ports& p = ports_;
    if (read) {
      r = Request{p.arid.get(), p.araddr.get(), p.arlen.get(), p.arsize.get(), p.arburst.get(),
                  p.arlock.get(), p.arcache.get(), p.arprot.get(), p.arqos.get()};
    } else {
      r = Request{p.awid.get(), p.awaddr.get(), p.awlen.get(), p.awsize.get(), p.awburst.get(),
                  p.awlock.get(), p.awcache.get(), p.awprot.get(), p.awqos.get()};
    }
  }

  bool fail(int channel, const std::string& what) {
    static const char* const kNames[kChannels] = {"AR", "AW", "W", "R", "B"};
    violation_ = std::string(name_) + ": cycle " + std::to_string(edge_) + ", channel " + kNames[channel] + ": " + what;
    return false;
  }

  static std::string hex(uint64_t value) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
    return text;
  }

  // Reads the current request into `now` and compares it with the one held since the last edge.
  bool check_stable_request(int channel, bool valid, const Request& held, Request& now, const char* prefix) {
    ++counters_[kStabilityChecks];
    if (!valid) {
      const std::string p = prefix;
      return fail(channel, p + "VALID dropped before " + p + "READY (" + p + "ADDR " + hex(held.addr) + ")");
    }
    read_request(now, channel == kAr);
    if (std::memcmp(&now, &held, sizeof now) == 0) return true;
    const std::string p = prefix;
    static const char* const kFields[9] = {"ID", "ADDR", "LEN", "SIZE", "BURST", "LOCK", "CACHE", "PROT", "QOS"};
    const uint64_t* before = &held.id;
    const uint64_t* after = &now.id;
    for (int i = 0; i < 9; ++i) {
      if (before[i] != after[i]) {
        return fail(channel, p + kFields[i] + " changed from " + hex(before[i]) + " to " + hex(after[i]) +
                                 " while " + p + "VALID was high and " + p + "READY low");
      }
    }
    return true;
  }

  void hold_w() {
    w_held_data_.assign(ports_.wdata.address, ports_.wdata.address + ports_.wdata.bytes);
    w_held_strb_.assign(ports_.wstrb.address, ports_.wstrb.address + ports_.wstrb.bytes);
    w_held_last_ = ports_.wlast.bit();
  }

  bool check_stable_w(bool valid) {
    ++counters_[kStabilityChecks];
    if (!valid) return fail(kW, "WVALID dropped before WREADY");
    if (std::memcmp(w_held_data_.data(), ports_.wdata.address, ports_.wdata.bytes) != 0) {
      return fail(kW, "WDATA changed while WVALID was high and WREADY low");
    }
    if (std::memcmp(w_held_strb_.data(), ports_.wstrb.address, ports_.wstrb.bytes) != 0) {
      return fail(kW, "WSTRB changed while WVALID was high and WREADY low");
    }
    if (w_held_last_ != ports_.wlast.bit()) return fail(kW, "WLAST changed while WVALID was high and WREADY low");
    return true;
  }

  // Checks an accepted AR/AW request against the rules that do not depend on the data.
  bool check_request(int channel, const Request& r, const char* prefix) {
    ++counters_[kHandshakesChecked];
    const uint64_t bytes = uint64_t{1} << r.size;
    const uint64_t beats = r.len + 1;
    if (bytes <= data_bytes_ && r.burst == 1 && (r.addr >> 12) == (((r.addr & ~(bytes - 1)) + beats * bytes - 1) >> 12)) {
      return true;  // the common case, without building any text
    }
    const std::string p = prefix;
    const std::string where = " (" + p + "ADDR " + hex(r.addr) + ", " + p + "LEN " + std::to_string(r.len) + ", " + p +
                              "SIZE " + std::to_string(r.size) + ")";
    if (bytes > data_bytes_) {
      return fail(channel, p + "SIZE " + std::to_string(r.size) + " (" + std::to_string(bytes) +
                               " bytes) is larger than the " + std::to_string(data_bytes_) + "-byte bus" + where);
    }
    switch (r.burst) {
      case 0:
        if (beats > 16) return fail(channel, "FIXED burst of " + std::to_string(beats) + " beats (at most 16)" + where);
        break;
      case 1: {
        const uint64_t last = (r.addr & ~(bytes - 1)) + beats * bytes - 1;
        if ((r.addr >> 12) != (last >> 12)) {
          return fail(channel, "burst crosses a 4 KiB boundary: bytes " + hex(r.addr) + " to " + hex(last) + where);
        }
        break;
      }
      case 2:
        if (beats != 2 && beats != 4 && beats != 8 && beats != 16) {
          return fail(channel, "WRAP burst of " + std::to_string(beats) + " beats (must be 2, 4, 8 or 16)" + where);
        }
        if ((r.addr & (bytes - 1)) != 0) return fail(channel, "WRAP burst address not aligned to the size" + where);
        break;
      default:
        return fail(channel, p + "BURST 3 is reserved" + where);
    }
    return true;
  }

  // Footprint [low, high) of a checked request, and the response it gets.
  uint8_t response(const Request& r, bool read) const {
    const uint64_t bytes = uint64_t{1} << r.size;
    uint64_t low = r.addr, high;
    if (r.burst == 1) {
      high = (r.addr & ~(bytes - 1)) + (r.len + 1) * bytes;
    } else if (r.burst == 2) {
      const uint64_t window = (r.len + 1) * bytes;
      low = r.addr & ~(window - 1);
      high = low + window;
    } else {
      high = (r.addr & ~(bytes - 1)) + bytes;
    }
    const uint8_t applies = read ? 1 : 2;
    for (const ErrorRange& e : errors_) {
      if ((e.applies & applies) != 0 && low < e.high && e.low < high) return e.resp;
    }
    if (low < base_ || high > base_ + size_) return 3;
    return 0;
  }

  void accept(Ring& ring, const Request& r, bool read) {
    Burst& burst = ring.push();
    burst.request = r;
    burst.cur = r.addr;
    burst.beat = 0;
    burst.resp = response(r, read);
    if (r.burst == 2) {
      burst.wrap_size = (r.len + 1) << r.size;
      burst.wrap_low = r.addr & ~(burst.wrap_size - 1);
    }
    std::vector<uint32_t>& issued = read ? issued_r_ : issued_b_;
    burst.ticket = issued[r.id]++;
    if (read) {
      burst.ready_edge = edge_ + read_latency_;
      ++counters_[kReadBursts];
      counters_[kReadErrors] += burst.resp != 0;
    } else {
      burst.ready_edge = INT64_MAX;  // set by the last W beat
      ++counters_[kWriteBursts];
      counters_[kWriteErrors] += burst.resp != 0;
    }
  }

  static void advance(Burst& burst) {
    const uint64_t bytes = uint64_t{1} << burst.request.size;
    ++burst.beat;
    if (burst.request.burst == 0) return;
    burst.cur = (burst.cur & ~(bytes - 1)) + bytes;
    if (burst.request.burst == 2 && burst.cur == burst.wrap_low + burst.wrap_size) burst.cur = burst.wrap_low;
  }

  // Active byte lanes [low, high] of the current beat.
  void lanes(const Burst& burst, uint32_t& low, uint32_t& high) const {
    const uint64_t bytes = uint64_t{1} << burst.request.size;
    low = static_cast<uint32_t>(burst.cur % data_bytes_);
    high = static_cast<uint32_t>((burst.cur & ~(bytes - 1)) % data_bytes_ + bytes - 1);
  }

  std::string burst_text(const Burst& burst, const char* prefix) const {
    const std::string p = prefix;
    return "(" + p + "LEN " + std::to_string(burst.request.len) + ", " + p + "ADDR " + hex(burst.request.addr) + ", " +
           p + "SIZE " + std::to_string(burst.request.size) + ")";
  }

  bool check_and_write_beat() {
    ++counters_[kHandshakesChecked];
    Burst& burst = writes_.at(w_next_);
    const uint32_t beats = static_cast<uint32_t>(burst.request.len) + 1;
    const bool last = ports_.wlast.bit();
    auto beat_text = [&]() {
      return "beat " + std::to_string(burst.beat + 1) + " of a " + std::to_string(beats) + "-beat burst " +
             burst_text(burst, "AW");
    };
    if (last != (burst.beat + 1 == beats)) {
      return fail(kW, std::string("WLAST ") + (last ? "high" : "low") + " on " + beat_text());
    }
    uint32_t low, high;
    lanes(burst, low, high);
    const uint8_t* strobes = ports_.wstrb.address;
    const uint32_t strobe_bytes = (data_bytes_ + 7) / 8;
    bool every_lane = true;  // every active lane strobed
    for (uint32_t i = 0; i < strobe_bytes; ++i) {
      const uint32_t first = i * 8, last = i * 8 + 7;
      uint8_t allowed = 0;
      if (low <= last && high >= first) {
        const uint32_t from = (low > first ? low : first) - first, to = (high < last ? high : last) - first;
        allowed = static_cast<uint8_t>((0xFFu >> (7 - to)) & (0xFFu << from));
      }
      if ((strobes[i] & ~allowed) != 0) {
        return fail(kW, "WSTRB " + strobe_hex(strobes) + " has bits set outside the active byte lanes " +
                            std::to_string(low) + " to " + std::to_string(high) + " of " + beat_text());
      }
      every_lane = every_lane && strobes[i] == allowed;
    }
    if (burst.resp == 0) {
      const uint64_t word = burst.cur - burst.cur % data_bytes_ - base_;
      uint8_t* target = memory_ + word;
      const uint8_t* data = ports_.wdata.address;
      uint64_t written = 0;
      if (every_lane) {
        std::memcpy(target + low, data + low, high - low + 1);
        written = high - low + 1;
      } else {
        for (uint32_t lane = low; lane <= high; ++lane) {
          if ((strobes[lane >> 3] >> (lane & 7)) & 1) {
            target[lane] = data[lane];
            ++written;
          }
        }
      }
      counters_[kWriteBytes] += static_cast<int64_t>(written);
    }
    ++counters_[kWriteBeats];
    advance(burst);
    if (burst.beat == beats) {
      burst.ready_edge = edge_ + write_latency_;
      ++w_next_;
    }
    return true;
  }

  std::string strobe_hex(const uint8_t* strobes) const {
    std::string text = "0x";
    char pair[3];
    for (int i = static_cast<int>((data_bytes_ + 7) / 8) - 1; i >= 0; --i) {
      std::snprintf(pair, sizeof pair, "%02x", strobes[i]);
      text += pair;
    }
    return text;
  }

  void drive_r(const Burst& burst) {
    uint8_t* data = ports_.rdata.address;
    if (burst.resp == 0) {
      std::memcpy(data, memory_ + (burst.cur - burst.cur % data_bytes_ - base_), data_bytes_);
    } else {
      std::memset(data, 0, data_bytes_);
    }
    ports_.rid.set(burst.request.id);
    ports_.rresp.set(burst.resp);
    ports_.rlast.set_bit(burst.beat == burst.request.len);
    ports_.rvalid.set_bit(true);
  }

  bool finish_r_beat() {
    Burst& burst = reads_.at(reads_.head);
    const uint64_t id = burst.request.id;
    if (burst.beat == 0 && burst.ticket != answered_r_[id]) {
      return fail(kR, "response ordering: RID " + hex(id) + " answered out of order (self-check)");
    }
    if (ports_.rid.get() != id) return fail(kR, "RID differs from the ARID of the burst (self-check)");
    if (burst.resp == 0) {
      uint32_t low, high;
      lanes(burst, low, high);
      counters_[kReadBytes] += high - low + 1;
    }
    ++counters_[kReadBeats];
    advance(burst);
    if (burst.beat == burst.request.len + 1) {
      ++answered_r_[id];
      ++reads_.head;
    }
    return true;
  }

  bool finish_b() {
    Burst& burst = writes_.at(writes_.head);
    const uint64_t id = burst.request.id;
    if (burst.ticket != answered_b_[id]) {
      return fail(kB, "response ordering: BID " + hex(id) + " answered out of order (self-check)");
    }
    ++answered_b_[id];
    ++writes_.head;
    return true;
  }

  const char* name_ = "";
  std::string violation_;
  uint32_t data_bytes_ = 4;
  Ports ports_;
  int64_t edge_ = 0;

  uint8_t* memory_ = nullptr;
  uint64_t base_ = 0, size_ = 0;
  std::vector<uint8_t*> memories_;

  int64_t read_latency_ = 1, write_latency_ = 1;
  uint32_t read_limit_ = 16, write_limit_ = 16;
  uint64_t stall_threshold_[kChannels] = {};
  Random random_[kChannels];
  std::vector<ErrorRange> errors_;

  Ring reads_, writes_;
  uint32_t w_next_ = 0;  // the write burst that receives W beats (== writes_.tail: none)
  std::vector<uint32_t> issued_r_, answered_r_, issued_b_, answered_b_;

  bool ar_waiting_ = false, aw_waiting_ = false, w_waiting_ = false;
  bool r_valid_ = false, b_valid_ = false;
  bool in_reset_ = false;  // RVALID/BVALID held for a beat not yet taken
  Request ar_held_{}, aw_held_{};
  std::vector<uint8_t> w_held_data_, w_held_strb_;
  bool w_held_last_ = false;

  int64_t counters_[kCounterCount] = {};
};

}  // namespace serrano_axi

#endif
