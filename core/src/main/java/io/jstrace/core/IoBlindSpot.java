package io.jstrace.core;

/**
 * A tracee set up I/O that its syscalls will not show (see
 * {@link TraceOptions#withPayloads}): an io_uring instance ({@code io_uring_setup}: its
 * submissions move bytes without a syscall per transfer) or a socket's memory mapped
 * ({@code mmap} of a socket descriptor: a packet ring, TCP zerocopy receive). A view of
 * the process's I/O is incomplete from here on.
 *
 * @param syscall what was called ({@code "io_uring_setup"}, {@code "mmap"})
 * @param fd      the io_uring or socket descriptor
 * @param reason  a sentence for a person
 */
public record IoBlindSpot(int pid, int tid, long timestamp, String syscall, int fd, String reason)
        implements TraceRecord {}
