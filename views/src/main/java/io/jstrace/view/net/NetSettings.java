package io.jstrace.view.net;

/**
 * What the net view reads beyond the syscall stream.
 *
 * @param tcpInfo read each TCP socket's kernel counters (sock_diag INET_DIAG_INFO) just
 *                before its last close
 * @param user    read each process's real user id and name
 */
record NetSettings(boolean tcpInfo, boolean user) {
    static NetSettings defaults() {
        return new NetSettings(true, false);
    }
}
