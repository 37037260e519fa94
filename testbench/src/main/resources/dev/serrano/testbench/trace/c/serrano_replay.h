/* serrano_replay.h: replays a Serrano trace on real hardware (an FPGA board) through the host's
 * memory-mapped view of the accelerator's AXI4-Lite registers and of the memory its DMA reads and
 * writes. Part of serrano-testbench; the trace itself is a generated <top>_trace.c. See
 * docs/hardening.md, "Replayable traces". C99, no allocation, no platform calls. */
#ifndef SERRANO_REPLAY_H
#define SERRANO_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum serrano_op_kind { SERRANO_OP_WRITE = 1, SERRANO_OP_READ = 2, SERRANO_OP_POLL = 3 };

/* One AXI4-Lite operation: a write (data, byte strobes), a read (the value recorded in simulation)
 * or a poll (re-read until (value & mask) == data, at most max_reads times). */
typedef struct {
  uint8_t kind;
  uint32_t offset;
  uint32_t data;
  uint32_t mask;
  uint64_t max_reads;
  uint32_t recorded;
} serrano_op;

enum serrano_step_kind { SERRANO_STEP_LOAD = 1, SERRANO_STEP_OPS = 2, SERRANO_STEP_CHECK = 3 };

/* A step: LOAD copies image[first, first + count) to bus address `address`; OPS runs ops[first,
 * first + count); CHECK hashes `count` bytes at bus address `address` and compares with sha256. */
typedef struct {
  uint8_t kind;
  uint64_t address;
  uint64_t first;
  uint64_t count;
  const char *sha256;
} serrano_step;

typedef struct {
  const char *top;
  uint32_t id;  /* the id register's value in simulation */
  uint64_t memory_base;  /* the bus address of the simulated memory's first byte */
  const serrano_step *steps;
  size_t step_count;
  const serrano_op *ops;
  const uint8_t *image;
} serrano_trace;

/* Where the trace runs. memory[0] is bus address memory_base: the trace's addresses must fall in
 * [memory_base, memory_base + memory_size) (reserve that physical range for the accelerator). The
 * cache hooks may be NULL on a coherent or uncached mapping. */
typedef struct {
  volatile uint32_t *registers;
  uint8_t *memory;
  uint64_t memory_base;
  uint64_t memory_size;
  void (*clean)(void *start, size_t bytes);      /* before the accelerator reads host writes */
  void (*invalidate)(void *start, size_t bytes); /* before the host reads accelerator writes */
} serrano_target;

/* Replays `trace` on `target`, logging to `log`. Returns 0 when the id matches, every poll is met
 * and every checked region has its recorded hash; 1 otherwise. Reads whose value differs from the
 * simulation are logged, not failed: counters and status bits depend on the board's timing. */
int serrano_replay(const serrano_trace *trace, const serrano_target *target, FILE *log);

/* SHA-256 of `bytes` as 64 lower-case hex digits and a terminating zero in `hex`. */
void serrano_sha256_hex(const uint8_t *bytes, size_t length, char hex[65]);

#endif
