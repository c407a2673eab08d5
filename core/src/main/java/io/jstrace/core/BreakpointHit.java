package io.jstrace.core;

/**
 * A tracee thread reached a {@link Breakpoint}: the first instruction of its function
 * ({@link Kind#ENTRY}), or the instruction its call returns to ({@link Kind#RETURN}, with
 * the entry's record). Delivered while the thread is stopped, before the instruction
 * runs: its memory (the call's buffers) can be read through the {@link Tracee}.
 *
 * @param breakpoint the breakpoint that was reached
 * @param file       the mapped file that holds it, or {@code null} for an address
 * @param address    the function's address (for a return too)
 * @param registers  the thread's registers at the stop: at an entry, the call's arguments;
 *                   at a return, its result, with the instruction pointer at the caller
 * @param entry      for a return, its call's entry; {@code null} for an entry
 */
public record BreakpointHit(int pid, int tid, long timestamp, Breakpoint breakpoint, String file, long address,
        Kind kind, RegisterSet registers, BreakpointHit entry) implements TraceRecord {

    /** The function's entry, or its return to the caller. */
    public enum Kind { ENTRY, RETURN }
}
