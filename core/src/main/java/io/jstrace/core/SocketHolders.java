package io.jstrace.core;

/**
 * The holders of the machine's sockets by what they did in their own system calls, for the
 * system-wide views: TCP's state changes ({@link TcpStates} into {@link TcpHolders}) and
 * UDP's route lookups ({@link UdpRoutes} into {@link UdpHolders}), and the unix sockets
 * they made ({@link UnixSockets} into {@link UnixHolders}), each recording read on a
 * thread of its own beside the view's own source. A kernel without one of the events leaves
 * that table empty; its questions are then answered at once.
 */
public final class SocketHolders implements AutoCloseable {
    private final TcpStates states = TcpStates.openIfAble();
    private final UdpRoutes routes = UdpRoutes.openIfAble();
    private final TcpHolders tcp = new TcpHolders(states == null ? () -> -1 : states::mark);
    private final UdpHolders udp = new UdpHolders(routes == null ? () -> -1 : routes::mark);
    private final UnixSockets made;
    private final UnixHolders unix;

    /** @param unix whether to record the unix sockets' makers too (the net view's question, not the dns view's) */
    public SocketHolders(boolean unix) {
        this.made = unix ? UnixSockets.openIfAble() : null;
        this.unix = new UnixHolders(made == null ? () -> -1 : made::mark);
    }

    /** TCP connections' holders. */
    public TcpHolders tcp() {
        return tcp;
    }

    /** UDP flows' senders. */
    public UdpHolders udp() {
        return udp;
    }

    /** Unix sockets' makers. */
    public UnixHolders unix() {
        return unix;
    }

    /** {@code main}, with the recordings read into their tables alongside it (closing it closes them). */
    public <E> SystemSource<E> alongside(SystemSource<E> main) {
        SystemSource<E> feed = main;
        if (states == null) tcp.ended();
        else feed = MergedSource.alongside(feed, states, tcp::accept);
        if (routes == null) udp.ended();
        else feed = MergedSource.alongside(feed, routes, udp::accept);
        if (made == null) unix.ended();
        else feed = MergedSource.alongside(feed, made, unix::accept);
        return feed;
    }

    /** Closes the recordings: for a view that fails before {@link #alongside} hands them on. */
    @Override
    public void close() {
        if (states != null) states.close();
        if (routes != null) routes.close();
        if (made != null) made.close();
    }
}
