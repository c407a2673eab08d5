package io.jstrace.core.internal.jnr;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Loads {@link LibC} once; tests may install a replacement before first use. */
public final class Native {
    private static volatile LibC libc;
    private static volatile java.util.function.IntSupplier errnoOverride;

    private Native() {}

    /** The binding, loaded on first use. */
    public static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (Native.class) {
                if (libc == null) libc = LibraryHolder.REAL;
                l = libc;
            }
        }
        return l;
    }

    /**
     * Replaces the binding and where errno is read from (fault injection in tests);
     * {@code null}s restore the real ones.
     */
    public static void install(LibC replacement, java.util.function.IntSupplier errno) {
        libc = replacement;
        errnoOverride = errno;
    }

    /** The binding as loaded from libc, never a replacement. */
    public static LibC real() {
        return LibraryHolder.REAL;
    }

    private static final class LibraryHolder {
        static final LibC REAL = LibraryLoader.create(LibC.class).load("c");
    }

    /** The JNR runtime of the binding. */
    public static Runtime runtime() {
        return Runtime.getRuntime(real());
    }

    /** errno of the calling thread's last native call. */
    public static int errno() {
        var override = errnoOverride;
        return override != null ? override.getAsInt() : runtime().getLastError();
    }
}
