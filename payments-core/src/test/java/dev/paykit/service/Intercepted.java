package dev.paykit.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A port whose calls of one method go through a test's code first: to crash at an exact point, or
 * to let another worker in at an exact moment. Every other call goes straight to the delegate. A
 * default method ({@code PaymentStore.write}) runs as the interface defines it, so that the calls
 * it makes are intercepted too.
 */
final class Intercepted {
  private Intercepted() {}

  /** What runs in place of the intercepted call; {@code proceed} makes the call itself. */
  @FunctionalInterface
  interface Around {
    Object call(Callable<Object> proceed) throws Exception;
  }

  /** {@code delegate}, each call of {@code method} going through {@code around}. */
  static <T> T around(Class<T> type, T delegate, String method, Around around) {
    if (Arrays.stream(type.getMethods())
        .noneMatch(m -> m.getName().equals(method) && !m.isDefault())) {
      throw new IllegalArgumentException(
          type.getSimpleName() + " has no method " + method + " that an implementation provides");
    }
    InvocationHandler handler =
        (proxy, called, args) -> {
          Callable<Object> proceed =
              () -> {
                try {
                  return called.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                  throw rethrown(e.getCause());
                }
              };
          if (called.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, called, args);
          }
          return called.getName().equals(method) ? around.call(proceed) : proceed.call();
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Exception rethrown(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    return (Exception) cause;
  }
}
