package io.jstrace.core.internal.jnr;

import com.kenai.jffi.LastError;

/** The libc binding, made on first use. */
public final class Native {
    private Native() {}

    /** The binding. */
    public static LibC libc() {
        return Binding.LIBC;
    }

    private static final class Binding {
        static final LibC LIBC = new JffiLibC();
    }

    /** errno as the binding saved it after the calling thread's last call. */
    public static int errno() {
        return LastError.getInstance().get();
    }
}
