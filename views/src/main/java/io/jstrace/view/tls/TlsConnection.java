package io.jstrace.view.tls;

import io.jstrace.core.OpenFile;
import io.jstrace.core.Payload;
import io.jstrace.view.net.Addresses;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One TCP socket's TLS state: which side the traced process is (it wrote or read the
 * ClientHello), both record streams, the hellos read from them, and the times that make the
 * handshake's duration. Touched only by the tracing thread.
 */
final class TlsConnection {
    private static final int CLIENT_HELLO = 1, SERVER_HELLO = 2;

    final long inode;
    final int pid, tid, fd;
    final String comm;
    final long firstTimestamp;
    private String local, remote;
    private String role, notTls;
    /** What the process wrote and what it read. */
    private final RecordStream out = new RecordStream(), in = new RecordStream();
    private ClientHello clientHello;
    private ServerHello serverHello;
    private boolean helloRetry;
    private long clientHelloTimestamp = -1, serverHelloTimestamp = -1;
    final List<TlsPlaintext> plaintext = new ArrayList<>();

    TlsConnection(long inode, Payload first, String comm) {
        this.inode = inode;
        this.pid = first.pid();
        this.tid = first.tid();
        this.fd = first.fd();
        this.comm = comm;
        this.firstTimestamp = first.timestamp();
    }

    /** The endpoints as the fd table knows them now, where they were not known yet. */
    void endpoints(OpenFile.Socket s) {
        if (local == null) local = Addresses.text(s.local());
        if (remote == null) remote = Addresses.text(s.peer());
    }

    /** Bytes the process moved on it; the handshake event when they completed the hellos, else {@code null}. */
    TlsEvent bytes(Payload p) {
        if (notTls != null) return null;
        boolean write = p.direction() == Payload.Direction.WRITE;
        if (role == null) {
            notTls = firstBytes(p.data());
            if (notTls != null) return null;
            role = write ? "client" : "server";
        }
        boolean fromClient = write == role.equals("client");
        boolean had = serverHello != null;
        (write ? out : in).feed(p.data(), p.length(), p.timestamp(),
                (type, body, at) -> message(fromClient, type, body, at));
        return !had && serverHello != null ? event(TlsEvent.Kind.HANDSHAKE, serverHelloTimestamp, null) : null;
    }

    /**
     * Why a connection's first bytes are not a TLS client's first record (a handshake
     * record, version 3.x, holding a ClientHello), or {@code null} when they may be.
     */
    private static String firstBytes(byte[] d) {
        if (d.length == 0) return "its first bytes were not in the process's memory";
        boolean looks = (d[0] & 0xff) == RecordStream.HANDSHAKE && (d.length < 2 || d[1] == 3)
                && (d.length < 6 || d[5] == CLIENT_HELLO);
        if (looks) return null;
        return "its first bytes are no ClientHello record: "
                + HexFormat.ofDelimiter(" ").formatHex(d, 0, Math.min(d.length, 8));
    }

    private void message(boolean fromClient, int type, byte[] body, long timestamp) {
        if (fromClient && type == CLIENT_HELLO && clientHello == null) {
            clientHello = ClientHello.parse(body);
            clientHelloTimestamp = timestamp;
        } else if (!fromClient && type == SERVER_HELLO && serverHello == null) {
            ServerHello s = ServerHello.parse(body);
            if (s.helloRetryRequest() && !helloRetry) { // the client sends a second ClientHello, its fingerprint kept
                helloRetry = true;
                return;
            }
            serverHello = s;
            serverHelloTimestamp = timestamp;
            out.capture(false);
            in.capture(false);
        }
    }

    private RecordStream clientStream() {
        return "client".equals(role) ? out : in;
    }

    private RecordStream serverStream() {
        return "client".equals(role) ? in : out;
    }

    /** Whether it is not TLS (its first bytes said so). */
    boolean notTls() {
        return notTls != null;
    }

    /** Adds a library call's plaintext (the plaintext mode). */
    void plaintext(TlsPlaintext p) {
        plaintext.add(p);
    }

    private String status() {
        if (notTls != null) return "not_tls";
        if (clientHello == null || clientHello.malformed() != null) return "malformed";
        if (serverHello == null) return serverStream().lost() != null ? "malformed" : "no_server_hello";
        return serverHello.malformed() != null ? "malformed" : "ok";
    }

    private String problem() {
        if (notTls != null) return notTls;
        if (clientHello == null) {
            return "no whole ClientHello: " + (clientStream().lost() != null ? clientStream().lost() : "it was cut short");
        }
        if (clientHello.malformed() != null) return "ClientHello: " + clientHello.malformed();
        if (serverHello != null && serverHello.malformed() != null) return "ServerHello: " + serverHello.malformed();
        if (out.lost() != null) return "sent records no longer followed: " + out.lost();
        return in.lost() == null ? null : "received records no longer followed: " + in.lost();
    }

    private static Double ms(long from, long to) {
        return from < 0 || to < 0 ? null : Math.max(0, to - from) / 1e6;
    }

    /** The connection as an event of {@code kind} at {@code timestamp}. */
    TlsEvent event(TlsEvent.Kind kind, long timestamp, String closeReason) {
        boolean tls = notTls == null;
        String ja3 = clientHello == null ? null : Fingerprints.ja3(clientHello);
        long clientApp = clientStream().firstAppTimestamp();
        return new TlsEvent(kind, timestamp, pid, tid, comm, fd, inode, local, remote, role, status(), problem(),
                clientHello, serverHello, helloRetry, ja3, ja3 == null ? null : Fingerprints.ja3Md5(clientHello),
                clientHello == null ? null : Fingerprints.ja4(clientHello),
                ms(clientHelloTimestamp, serverHelloTimestamp), ms(clientHelloTimestamp, clientApp),
                tls ? out.appBytes() : 0, tls ? in.appBytes() : 0, tls ? out.appRecords() : 0,
                tls ? in.appRecords() : 0, tls && out.lost() == null && in.lost() == null,
                kind == TlsEvent.Kind.CLOSE ? ms(firstTimestamp, timestamp) : null, closeReason,
                List.copyOf(plaintext));
    }
}
