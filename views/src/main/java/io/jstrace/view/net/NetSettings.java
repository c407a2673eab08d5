package io.jstrace.view.net;

/**
 * What the net view reads beyond the syscall stream.
 *
 * @param tcpInfo read each TCP socket's kernel counters (sock_diag INET_DIAG_INFO) just
 *                before its last close
 * @param user    read each process's real user id and name
 * @param interval how often the system source lists every socket
 */
record NetSettings(boolean tcpInfo, boolean user, java.time.Duration interval) {
    static NetSettings defaults() {
        return new NetSettings(true, false, java.time.Duration.ofMillis(100));
    }
}
