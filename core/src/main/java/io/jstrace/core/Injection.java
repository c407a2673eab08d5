package io.jstrace.core;

import java.util.List;

/**
 * What is done to the calls of one syscall (strace's {@code -e inject=}, man strace,
 * "Tampering"), and to which of them.
 *
 * @param outcome     whether the call is skipped and made to fail or succeed
 * @param value       the errno ({@link Outcome#ERROR}) or the return value ({@link Outcome#RETVAL})
 * @param syscall     the name of the side-effect-free syscall run in the call's place, or
 *                    {@code null} for none (the number becomes -1, which the kernel skips)
 * @param signal      the signal delivered as the call enters, 0 for none
 * @param delayEnter  nanoseconds the thread is held at the call's entry, 0 for none
 * @param delayExit   nanoseconds the thread is held at the call's exit, 0 for none
 * @param pokeEnter   memory written at the entry, at the addresses the arguments hold
 * @param pokeExit    memory written at the exit
 * @param first       the first call tampered with, counting from 1 per thread
 * @param last        the last one, or {@link #LAST_INF}
 * @param step        calls between two tampered ones; 0 for only {@code first}
 */
public record Injection(Outcome outcome, long value, String syscall, int signal, long delayEnter, long delayExit,
        List<Poke> pokeEnter, List<Poke> pokeExit, int first, int last, int step) {

    /** No last call (strace's INJECT_LAST_INF). */
    public static final int LAST_INF = 0xffff;

    /** What the call returns. */
    public enum Outcome {
        /** What it would have: it runs. */
        NONE,
        /** {@code -value}: it is skipped and fails. */
        ERROR,
        /** {@code value}: it is skipped and succeeds. */
        RETVAL
    }

    /** Bytes written at the address argument {@code arg} (1 for the first) holds. */
    public record Poke(int arg, byte[] data) {
        public Poke {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    public Injection {
        pokeEnter = List.copyOf(pokeEnter);
        pokeExit = List.copyOf(pokeExit);
    }

    /** Whether the call is skipped (its number replaced) and its return value set. */
    public boolean skips() {
        return outcome != Outcome.NONE;
    }
}
