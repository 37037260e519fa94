// Force-included into every translation unit of a simulation library: routes the Verilator
// runtime's printf (VL_PRINTF) through the shim so the text of a $fatal or $error can be
// attached to the Java exception as well as printed.
#ifndef SERRANO_PRINT_H
#define SERRANO_PRINT_H
int serrano_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#define VL_PRINTF serrano_printf
#endif
