// Force-included first into every translation unit of a simulation library (model, shim and
// Verilator runtime). It routes the runtime's printf (VL_PRINTF) through the shim, so the text of
// a $fatal can be attached to the Java exception as well as printed, and it pulls in verilated.h
// so that one precompiled copy of this header (kept with the cached runtime objects) serves
// every design: compiling verilated.h is most of the time of a small design's build.
#ifndef SERRANO_PRELUDE_H
#define SERRANO_PRELUDE_H
int serrano_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#define VL_PRINTF serrano_printf
#include "verilated.h"
#endif
