// AXI4-Lite master bus-functional model of the Serrano simulation shim: one instance per bus of the
// interface JSON with protocol "axi4-lite" and role "slave" (the design is the slave). Java queues
// operations (write, read, poll) in batches; the model performs them natively, one at a time in
// queue order, so a host driver's "wait until done" loop never crosses JNA per cycle.
//
// Placement in a cycle, as for the AXI4 memory model: sample() runs with every signal settled,
// before the rising edge: it decides the handshakes of this edge, checks the slave's side of the
// protocol and records responses; update() runs after the rising edge and drives the master's
// outputs for the next edge.
//
// Operations: a write drives AW and W (each raised independently after its own random delay),
// then takes B; a read drives AR, then takes R; a poll re-reads until (RDATA & mask) == value, or
// until its cycle limit has passed since the poll started (then it completes unmatched). With
// delay probability p, each cycle the model withholds raising a VALID it could raise, and (with
// its own probability) RREADY / BREADY, drawn from splitmix64 streams seeded by the seed. Once
// raised, a VALID and its payload stay until the handshake.
//
// Checks on the slave (each a violation "<bus>: cycle <n>, channel <C>: <what>"): BVALID / RVALID
// and their payload stable until BREADY / RREADY; no BVALID before both the AW and the W handshake of
// the write in flight, no RVALID before the AR handshake of the read in flight (a response without a
// request, or a second response to one request).
#ifndef SERRANO_AXIL_MASTER_H
#define SERRANO_AXIL_MASTER_H

#include "serrano_axi_slave.h"

#include <cstdint>
#include <deque>
#include <string>

namespace serrano_axil {

using serrano_axi::Signal;
using serrano_axi::Random;

// Operation kinds of lite_submit (serrano_abi.h).
enum Kind { kWrite = 1, kRead = 2, kPoll = 3 };

// Configuration keys of bus_configure for an AXI4-Lite master.
enum Key {
  kKeySeed = 5,           // a = seed
  kKeyResetCounters = 9,
  kKeyDelay = 10,         // a = VALID delay probability * 2^32, b = READY delay probability * 2^32
};

// Counter indices of bus_counters.
enum Counter {
  kSubmitted, kCompleted, kWrites, kReads, kPollReads, kErrorResponses, kHandshakesChecked, kStabilityChecks,
  kCounterCount
};

struct Ports {
  Signal awaddr, awprot, awvalid, awready, wdata, wstrb, wvalid, wready, bresp, bvalid, bready;
  Signal araddr, arprot, arvalid, arready, rdata, rresp, rvalid, rready;
};

struct Operation {
  int32_t kind;
  uint64_t address;
  uint64_t data;       // write: data | strobes << 32; poll: value | mask << 32
  int64_t limit;       // poll: cycles
};

// A completed operation: value | resp << 32 | matched << 34, and the cycle it completed at.
struct Result {
  int64_t packed;
  int64_t cycle;
};

class Master {
 public:
  void bind(const char* name, const Ports& ports) {
    name_ = name;
    ports_ = ports;
    configure(kKeySeed, 0, 0, 0);
    update(-1);
  }

  const std::string& violation() const { return violation_; }

  bool idle() const { return queue_.empty() && !active_; }

  bool submit(const int64_t* ops, int32_t count) {
    for (int32_t i = 0; i < count; ++i) {
      const int64_t* op = ops + 4 * i;
      if (op[0] < kWrite || op[0] > kPoll || op[1] < 0 || (op[0] == kPoll && op[3] < 1)) return false;
    }
    for (int32_t i = 0; i < count; ++i) {
      const int64_t* op = ops + 4 * i;
      queue_.push_back(Operation{static_cast<int32_t>(op[0]), static_cast<uint64_t>(op[1]),
                                 static_cast<uint64_t>(op[2]), op[3]});
    }
    counters_[kSubmitted] += count;
    return true;
  }

  // Copies up to max results (two int64 each) into out and forgets them; returns how many.
  int32_t results(int64_t* out, int32_t max) {
    int32_t n = 0;
    while (n < max && !done_.empty()) {
      out[2 * n] = done_.front().packed;
      out[2 * n + 1] = done_.front().cycle;
      done_.pop_front();
      ++n;
    }
    return n;
  }

  int32_t counters(int64_t* out, int32_t count) const {
    const int32_t n = count < kCounterCount ? count : kCounterCount;
    for (int32_t i = 0; i < n; ++i) out[i] = counters_[i];
    if (n > kCounterCount) out[kCounterCount] = static_cast<int64_t>(done_.size());
    return n;
  }

  bool configure(int32_t key, int64_t a, int64_t b, int64_t c) {
    (void)c;
    switch (key) {
      case kKeySeed:
        valid_random_.state = static_cast<uint64_t>(a) * 0x2545F4914F6CDD1Dull + 11;
        ready_random_.state = static_cast<uint64_t>(a) * 0x2545F4914F6CDD1Dull + 12;
        return true;
      case kKeyDelay:
        if (a < 0 || a > (int64_t{1} << 32) || b < 0 || b > (int64_t{1} << 32)) return false;
        valid_threshold_ = static_cast<uint64_t>(a);
        ready_threshold_ = static_cast<uint64_t>(b);
        return true;
      case kKeyResetCounters:
        for (int64_t& counter : counters_) counter = 0;
        counters_[kSubmitted] = static_cast<int64_t>(queue_.size()) + (active_ ? 1 : 0);
        return true;
      default:
        return false;
    }
  }

  // Before the rising edge: handshakes, checks, responses.
  bool sample(int64_t edge) {
    edge_ = edge;
    const bool awvalid = ports_.awvalid.bit(), awready = ports_.awready.bit();
    const bool wvalid = ports_.wvalid.bit(), wready = ports_.wready.bit();
    const bool bvalid = ports_.bvalid.bit(), bready = ports_.bready.bit();
    const bool arvalid = ports_.arvalid.bit(), arready = ports_.arready.bit();
    const bool rvalid = ports_.rvalid.bit(), rready = ports_.rready.bit();
    const uint64_t bresp = ports_.bresp.get() & 3;
    const uint64_t rresp = ports_.rresp.get() & 3;
    const uint64_t rdata = ports_.rdata.get() & 0xffffffffull;

    if (b_waiting_) {
      ++counters_[kStabilityChecks];
      if (!bvalid) return fail("B", "BVALID dropped before BREADY");
      if (bresp != b_held_) return fail("B", "BRESP changed from " + hex(b_held_) + " to " + hex(bresp) +
                                                 " while BVALID was high and BREADY low");
    }
    if (r_waiting_) {
      ++counters_[kStabilityChecks];
      if (!rvalid) return fail("R", "RVALID dropped before RREADY");
      if (rdata != r_held_data_) return fail("R", "RDATA changed from " + hex(r_held_data_) + " to " + hex(rdata) +
                                                      " while RVALID was high and RREADY low");
      if (rresp != r_held_resp_) return fail("R", "RRESP changed from " + hex(r_held_resp_) + " to " + hex(rresp) +
                                                      " while RVALID was high and RREADY low");
    }
    const bool write_in_flight = active_ && current_.kind == kWrite && aw_done_ && w_done_;
    const bool read_in_flight = active_ && current_.kind != kWrite && ar_done_;
    if (bvalid && !write_in_flight) {
      return fail("B", std::string("BVALID without a write awaiting its response") + in_flight());
    }
    if (rvalid && !read_in_flight) {
      return fail("R", std::string("RVALID without a read awaiting its response") + in_flight());
    }

    if (awvalid && awready) { aw_done_ = true; ++counters_[kHandshakesChecked]; }
    if (wvalid && wready) { w_done_ = true; ++counters_[kHandshakesChecked]; }
    if (arvalid && arready) { ar_done_ = true; ++counters_[kHandshakesChecked]; }
    if (bvalid && bready) {
      ++counters_[kHandshakesChecked];
      complete(0, bresp, true);
    } else if (rvalid && rready) {
      ++counters_[kHandshakesChecked];
      read_answered(rdata, rresp);
    }
    b_waiting_ = bvalid && !bready;
    b_held_ = bresp;
    r_waiting_ = rvalid && !rready;
    r_held_data_ = rdata;
    r_held_resp_ = rresp;
    return true;
  }

  // After the rising edge: outputs for the next edge.
  void update(int64_t edge) {
    (void)edge;
    if (!active_ && !queue_.empty()) start(queue_.front());
    const bool delay_valid = valid_threshold_ != 0 && (valid_random_.next() >> 32) < valid_threshold_;
    const bool delay_ready = ready_threshold_ != 0 && (ready_random_.next() >> 32) < ready_threshold_;
    const bool writing = active_ && current_.kind == kWrite;
    const bool reading = active_ && current_.kind != kWrite;
    // A VALID already raised stays raised; a new one waits while the delay draw says so.
    aw_valid_ = writing && !aw_done_ && (aw_valid_ || !delay_valid);
    w_valid_ = writing && !w_done_ && (w_valid_ || !delay_valid);
    ar_valid_ = reading && !ar_done_ && (ar_valid_ || !delay_valid);
    ports_.awvalid.set_bit(aw_valid_);
    ports_.awaddr.set(writing ? current_.address : 0);
    ports_.awprot.set(0);
    ports_.wvalid.set_bit(w_valid_);
    ports_.wdata.set(writing ? current_.data & 0xffffffffull : 0);
    ports_.wstrb.set(writing ? (current_.data >> 32) & 0xf : 0);
    ports_.bready.set_bit(writing && aw_done_ && w_done_ && !delay_ready);
    ports_.arvalid.set_bit(ar_valid_);
    ports_.araddr.set(reading ? current_.address : 0);
    ports_.arprot.set(0);
    ports_.rready.set_bit(reading && ar_done_ && !delay_ready);
  }

 private:
  void start(const Operation& op) {
    current_ = op;
    queue_.pop_front();
    active_ = true;
    aw_done_ = w_done_ = ar_done_ = false;
    started_ = edge_;
  }

  void read_answered(uint64_t data, uint64_t resp) {
    const bool poll = current_.kind == kPoll;
    if (poll) ++counters_[kPollReads];
    const uint64_t mask = current_.data >> 32, wanted = current_.data & 0xffffffffull;
    const bool matched = !poll || (resp == 0 && (data & mask) == wanted);
    if (poll && !matched && edge_ - started_ < current_.limit) {
      ar_done_ = false;  // read again
      return;
    }
    complete(data, resp, matched);
  }

  void complete(uint64_t data, uint64_t resp, bool matched) {
    if (current_.kind == kWrite) ++counters_[kWrites]; else ++counters_[kReads];
    if (resp != 0) ++counters_[kErrorResponses];
    done_.push_back(Result{static_cast<int64_t>(data | resp << 32 | uint64_t{matched} << 34), edge_ + 1});
    ++counters_[kCompleted];
    active_ = false;
  }

  std::string in_flight() const {
    if (!active_) return " (no operation in flight)";
    const char* kind = current_.kind == kWrite ? "write" : current_.kind == kRead ? "read" : "poll";
    return std::string(" (") + kind + " of 0x" + hex_digits(current_.address) + " in flight" +
           (current_.kind == kWrite ? std::string(", AW ") + (aw_done_ ? "done" : "pending") + ", W " +
                                          (w_done_ ? "done" : "pending")
                                    : std::string(", AR ") + (ar_done_ ? "done" : "pending")) + ")";
  }

  bool fail(const char* channel, const std::string& what) {
    violation_ = std::string(name_) + ": cycle " + std::to_string(edge_) + ", channel " + channel + ": " + what;
    return false;
  }

  static std::string hex_digits(uint64_t value) {
    char text[24];
    std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
    return text;
  }

  static std::string hex(uint64_t value) { return "0x" + hex_digits(value); }

  const char* name_ = "";
  Ports ports_;
  std::deque<Operation> queue_;
  std::deque<Result> done_;
  Operation current_{};
  bool active_ = false;
  bool aw_done_ = false, w_done_ = false, ar_done_ = false;
  bool aw_valid_ = false, w_valid_ = false, ar_valid_ = false;
  bool b_waiting_ = false, r_waiting_ = false;
  uint64_t b_held_ = 0, r_held_data_ = 0, r_held_resp_ = 0;
  int64_t edge_ = 0;
  int64_t started_ = 0;
  Random valid_random_, ready_random_;
  uint64_t valid_threshold_ = 0, ready_threshold_ = 0;
  int64_t counters_[kCounterCount] = {};
  std::string violation_;
};

}  // namespace serrano_axil

#endif
