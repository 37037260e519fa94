/* serrano_replay.c: see serrano_replay.h. */
#include "serrano_replay.h"

#include <string.h>

static const uint32_t k_round[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t h[8], const uint8_t block[64]) {
  uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
  int i;
  for (i = 0; i < 16; ++i) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 |
           (uint32_t)block[4 * i + 3];
  }
  for (i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; k = h[7];
  for (i = 0; i < 64; ++i) {
    t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_round[i] + w[i];
    t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

void serrano_sha256_hex(const uint8_t *bytes, size_t length, char hex[65]) {
  static const char digits[] = "0123456789abcdef";
  uint32_t h[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
  uint8_t tail[128];
  size_t done = 0, rest, padded, i;
  uint64_t bits = (uint64_t)length * 8;
  for (; length - done >= 64; done += 64) sha256_block(h, bytes + done);
  rest = length - done;
  memset(tail, 0, sizeof tail);
  memcpy(tail, bytes + done, rest);
  tail[rest] = 0x80;
  padded = rest + 9 <= 64 ? 64 : 128;
  for (i = 0; i < 8; ++i) tail[padded - 1 - i] = (uint8_t)(bits >> (8 * i));
  for (i = 0; i < padded; i += 64) sha256_block(h, tail + i);
  for (i = 0; i < 32; ++i) {
    uint8_t byte = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
    hex[2 * i] = digits[byte >> 4];
    hex[2 * i + 1] = digits[byte & 15];
  }
  hex[64] = '\0';
}

static int in_window(const serrano_target *target, uint64_t address, uint64_t count) {
  return address >= target->memory_base && count <= target->memory_size &&
         address - target->memory_base <= target->memory_size - count;
}

static int run_op(const serrano_op *op, size_t index, const serrano_target *target, FILE *log) {
  volatile uint32_t *reg = target->registers + op->offset / 4;
  uint64_t reads;
  uint32_t value;
  switch (op->kind) {
    case SERRANO_OP_WRITE:
      if (op->mask != 0xfu) {
        fprintf(log, "op %lu: a write with byte strobes 0x%x; this replayer writes whole words\n",
                (unsigned long)index, (unsigned)op->mask);
        return 1;
      }
      *reg = op->data;
      return 0;
    case SERRANO_OP_READ:
      value = *reg;
      if (value != op->recorded) {
        fprintf(log, "op %lu: read 0x%03x = 0x%08x (0x%08x in simulation)\n", (unsigned long)index,
                (unsigned)op->offset, (unsigned)value, (unsigned)op->recorded);
      }
      return 0;
    default:
      for (reads = 0; reads < op->max_reads; ++reads) {
        if ((*reg & op->mask) == op->data) return 0;
      }
      fprintf(log, "op %lu: poll of 0x%03x for (value & 0x%x) == 0x%x not met after %llu reads; last 0x%08x\n",
              (unsigned long)index, (unsigned)op->offset, (unsigned)op->mask, (unsigned)op->data,
              (unsigned long long)op->max_reads, (unsigned)*reg);
      return 1;
  }
}

int serrano_replay(const serrano_trace *trace, const serrano_target *target, FILE *log) {
  size_t s, i;
  int failures = 0;
  uint32_t id = target->registers[0];
  if (id != trace->id) {
    fprintf(log, "%s: the id register reads 0x%08x, the trace was recorded on 0x%08x\n", trace->top, (unsigned)id,
            (unsigned)trace->id);
    return 1;
  }
  for (s = 0; s < trace->step_count; ++s) {
    const serrano_step *step = &trace->steps[s];
    if (step->kind != SERRANO_STEP_OPS && !in_window(target, step->address, step->count)) {
      fprintf(log, "step %lu: bytes 0x%llx + %llu are outside the memory window\n", (unsigned long)s,
              (unsigned long long)step->address, (unsigned long long)step->count);
      return 1;
    }
    if (step->kind == SERRANO_STEP_LOAD) {
      uint8_t *to = target->memory + (step->address - target->memory_base);
      memcpy(to, trace->image + step->first, (size_t)step->count);
      if (target->clean != NULL) target->clean(to, (size_t)step->count);
    } else if (step->kind == SERRANO_STEP_OPS) {
      for (i = 0; i < step->count; ++i) {
        if (run_op(&trace->ops[step->first + i], (size_t)(step->first + i), target, log) != 0) return 1;
      }
    } else {
      char hex[65];
      uint8_t *from = target->memory + (step->address - target->memory_base);
      if (target->invalidate != NULL) target->invalidate(from, (size_t)step->count);
      serrano_sha256_hex(from, (size_t)step->count, hex);
      if (strcmp(hex, step->sha256) != 0) {
        fprintf(log, "step %lu: bytes 0x%llx + %llu hash to %s, the simulation's to %s\n", (unsigned long)s,
                (unsigned long long)step->address, (unsigned long long)step->count, hex, step->sha256);
        ++failures;
      }
    }
  }
  fprintf(log, "%s: %s\n", trace->top, failures == 0 ? "every checked region matches the simulation"
                                                     : "checked regions differ from the simulation");
  return failures == 0 ? 0 : 1;
}
