package io.jstrace.core;

import com.kenai.jffi.LastError;
import io.jstrace.core.internal.jnr.Native;
import java.util.function.BiFunction;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassReloadingStrategy;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Fault injection into the native layer: the ByteBuddy agent weaves {@link Hook} into every
 * method of the libc binding itself, once, so each call first asks the fault a test
 * installed whether to fail or fake it. Nothing in the tracer knows.
 */
public final class NativeFaults {
    private static volatile BiFunction<String, Object[], Long> fault;

    static {
        Class<?> binding = Native.libc().getClass();
        ByteBuddyAgent.install();
        new ByteBuddy().redefine(binding)
                .visit(Advice.to(Hook.class).on(ElementMatchers.isPublic().and(ElementMatchers.isMethod())))
                .make()
                .load(binding.getClassLoader(), ClassReloadingStrategy.fromInstalledAgent());
    }

    private NativeFaults() {}

    /**
     * Makes every libc call go through {@code f}, called with the function's name and
     * arguments: it returns a value to fail or fake the call, or null to make it.
     */
    public static void inject(BiFunction<String, Object[], Long> f) {
        fault = f;
    }

    /** A failed call's result: -1, with {@code errno} as the calling thread's errno. */
    public static Long fail(int errno) {
        LastError.getInstance().set(errno);
        return -1L;
    }

    /** Every call goes to libc again. */
    public static void restore() {
        fault = null;
    }

    /** What the woven code asks: the call's result as its return type, or null to make the call. */
    public static Object decide(String name, Class<?> returns, Object[] args) {
        var f = fault;
        Long faked = f == null ? null : f.apply(name, args);
        if (faked == null) return null;
        return returns == int.class ? (Object) faked.intValue() : faked;
    }

    /** The advice woven into the binding: skip the call when the fault decided its result. */
    public static final class Hook {
        private Hook() {}

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.Origin("#m") String name, @Advice.Origin("#r") String returns,
                @Advice.AllArguments Object[] args) {
            return decide(name, returns.equals("int") ? int.class : long.class, args);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object faked,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) {
            if (faked != null) result = faked;
        }
    }
}
