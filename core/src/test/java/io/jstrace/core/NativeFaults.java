package io.jstrace.core;

import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/** Fault injection into the native layer: a LibC whose calls may fail, with the errno a test chooses. */
final class NativeFaults {
    private static final ThreadLocal<Integer> INJECTED_ERRNO = new ThreadLocal<>();

    private NativeFaults() {}

    /**
     * Installs a LibC whose calls go through {@code fault}, called with the method's name and
     * arguments: it returns a value to fail or fake the call, or null to make it.
     */
    static void inject(BiFunction<String, Object[], Long> fault) {
        LibC real = Native.real();
        LibC faulty = (LibC) Proxy.newProxyInstance(LibC.class.getClassLoader(), new Class<?>[] {LibC.class},
                (proxy, method, args) -> {
                    INJECTED_ERRNO.remove();
                    Long faked = fault.apply(method.getName(), args);
                    if (faked != null) return method.getReturnType() == int.class ? (Object) faked.intValue() : faked;
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Native.install(faulty, () -> {
            Integer e = INJECTED_ERRNO.get();
            return e != null ? e : Native.realErrno();
        });
    }

    /** A failed call's result: -1, with {@code errno} as the call's errno. */
    static Long fail(int errno) {
        INJECTED_ERRNO.set(errno);
        return -1L;
    }

    /** The real LibC again. */
    static void restore() {
        Native.install(null, null);
    }
}
