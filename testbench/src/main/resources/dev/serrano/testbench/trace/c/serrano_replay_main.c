/* serrano_replay_main.c: replays the linked trace on a Linux FPGA board through /dev/mem.
 *   serrano_replay REGISTERS_PHYS MEMORY_PHYS MEMORY_BYTES
 * REGISTERS_PHYS: the accelerator's AXI4-Lite window (4 KiB); MEMORY_PHYS: the physical address
 * of the bus address the trace's memory starts at, as the host sees it (reserve it, e.g. a reserved-memory node, and map it uncached: this
 * example sets no cache hooks). Build: cc -std=c99 -O2 serrano_replay.c <top>_trace.c
 * serrano_replay_main.c -o serrano_replay. Exit code 0: every checked region matches. */
#define _POSIX_C_SOURCE 200809L
#include "serrano_replay.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

extern const serrano_trace serrano_recorded_trace;

static void *map(int fd, unsigned long long physical, size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)physical);
  return p == MAP_FAILED ? NULL : p;
}

int main(int argc, char **argv) {
  serrano_target target;
  int fd;
  if (argc != 4) {
    fprintf(stderr, "usage: %s REGISTERS_PHYS MEMORY_PHYS MEMORY_BYTES\n", argv[0]);
    return 2;
  }
  fd = open("/dev/mem", O_RDWR | O_SYNC);
  if (fd < 0) {
    perror("/dev/mem");
    return 2;
  }
  target.registers = map(fd, strtoull(argv[1], NULL, 0), 4096);
  target.memory = map(fd, strtoull(argv[2], NULL, 0), (size_t)strtoull(argv[3], NULL, 0));
  target.memory_base = serrano_recorded_trace.memory_base;
  target.memory_size = strtoull(argv[3], NULL, 0);
  target.clean = NULL;
  target.invalidate = NULL;
  if (target.registers == NULL || target.memory == NULL) {
    perror("mmap");
    return 2;
  }
  return serrano_replay(&serrano_recorded_trace, &target, stdout);
}
