package io.jstrace.core.internal.jnr;

import com.kenai.jffi.LastError;

/** Binds {@link LibC} once; tests may install a replacement before first use. */
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

    /** The binding to libc, never a replacement. */
    public static LibC real() {
        return LibraryHolder.REAL;
    }

    private static final class LibraryHolder {
        static final LibC REAL = new JffiLibC();
    }

    /** errno of the calling thread's last native call. */
    public static int errno() {
        var override = errnoOverride;
        return override != null ? override.getAsInt() : realErrno();
    }

    /** errno as the real binding saved it after the calling thread's last call. */
    public static int realErrno() {
        return LastError.getInstance().get();
    }
}
