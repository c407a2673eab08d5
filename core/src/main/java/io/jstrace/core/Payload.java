package io.jstrace.core;

/**
 * The bytes one transfer syscall moved (see {@link TraceOptions#withPayloads}): one
 * record per call, or per message of {@code sendmmsg}/{@code recvmmsg}, read once at its
 * syscall-exit-stop, as many as the return value (or the message's {@code msg_len}) says.
 *
 * @param syscall   the syscall's name, e.g. {@code "recvmmsg"}
 * @param fd        the descriptor (for {@code sendfile} and {@code splice}: the one written to)
 * @param file      what {@code fd} refers to per the fd table, or {@code null} when not known
 * @param direction which way the bytes went, seen from the tracee
 * @param message   the message's index for the mmsg forms, else 0
 * @param length    how many bytes were transferred
 * @param data      the first of them, at most the session's limit; empty when they are
 *                  not in tracee memory ({@code sendfile}, {@code splice}: kernel to kernel)
 *                  or could not be read
 * @param truncated whether {@code data} holds fewer than {@code length} bytes
 */
public record Payload(int pid, int tid, long timestamp, String syscall, int fd, OpenFile file, Direction direction,
        int message, long length, byte[] data, boolean truncated) implements TraceRecord {

    /** Which way a transfer went. */
    public enum Direction { READ, WRITE }
}
