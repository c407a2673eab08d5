package io.jstrace.core;

/**
 * A mark a source wrote into its own recording ({@link TcpStates#mark()},
 * {@link UdpRoutes#mark()}, {@link UnixSockets#mark()}), reported in its place: every event the kernel recorded before
 * the mark was written has been reported before it.
 *
 * @param n the mark's number
 */
public record TraceMark(long n) implements TcpStates.Event, UdpRoutes.Event, UnixSockets.Event {}
