package dev.serrano.testbench.sim;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * JNA direct mapping of the dispatcher library (never interface mapping: it is 6 to 7 times
 * slower per call). Java method {@code runUntil} binds to {@code serrano_dispatch_run_until}.
 * Instances are native pointers held as {@code long}, the cheapest handle type for JNA.
 */
final class NativeDispatch {

  private static Path registered;

  private NativeDispatch() {}

  static synchronized void register(Path library) {
    if (registered != null) {
      if (!registered.equals(library)) {
        throw new IllegalStateException("dispatcher already bound to " + registered + ", cannot rebind to " + library);
      }
      return;
    }
    Map<String, Object> options = Map.of(Library.OPTION_FUNCTION_MAPPER,
        (FunctionMapper) (lib, method) -> "serrano_dispatch_" + snakeCase(method.getName()));
    Native.register(NativeDispatch.class, NativeLibrary.getInstance(library.toString(), options));
    registered = library;
  }

  private static String snakeCase(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static native long create(long createFunction, String tracePath, long seed);

  static native int abiVersion(long instance);

  static native void destroy(long instance);

  static native int eval(long instance);

  static native int step(long instance, long cycles);

  static native int runUntil(long instance, long maxCycles, int port, long mask, long value);

  static native long cycles(long instance);

  static native long portAddress(long instance, int port);

  static native int message(long instance, byte[] buffer, int length);

  static native int trace(long instance, int on);

  static native int memCopy(long instance, int memory, long firstWord, long wordCount, long buffer, int toModel);

  static native int busConfigure(long instance, int bus, int key, long a, long b, long c);

  static native long busMemory(long instance, int bus, long[] baseAndSize);

  static native int busCounters(long instance, int bus, long[] out, int count);

  static native int liteSubmit(long instance, int bus, long[] ops, int count);

  static native int liteResults(long instance, int bus, long[] out, int maxResults);

  static native int liteRun(long instance, int bus, long maxCycles);
}
