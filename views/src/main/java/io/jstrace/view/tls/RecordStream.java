package io.jstrace.view.tls;

import java.io.ByteArrayOutputStream;

/**
 * One direction of a TLS connection's bytes, cut into records (RFC 8446 section 5.1:
 * {@code ContentType type; ProtocolVersion legacy_record_version; uint16 length;} then
 * {@code length} bytes), across short reads and writes and whatever boundaries the
 * syscalls made. While {@link #capture} is on, handshake records' bodies are joined and
 * cut into handshake messages (section 4: {@code HandshakeType msg_type; uint24 length;}),
 * which may span records; application_data records are counted. A stream that stops
 * looking like TLS is no longer followed ({@link #lost()}).
 */
final class RecordStream {
    static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23, HEARTBEAT = 24;
    private static final int HEADER = 5;
    /** The largest record body: TLSCiphertext's 2^14 + 2048 (RFC 5246 section 6.2.3). */
    private static final int MAX_RECORD = (1 << 14) + 2048;
    /** The largest handshake message joined: a hello is far smaller (a certificate chain may not be). */
    private static final int MAX_MESSAGE = 1 << 16;

    /** Where whole handshake messages go, with the time of the syscall that carried their first byte. */
    interface Messages {
        void message(int type, byte[] body, long timestamp);
    }

    private final byte[] header = new byte[HEADER];
    private int headerHave, bodyLeft, type;
    private boolean capture = true;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private long messageStart;
    /** The size of the message being joined once its header is in, else 0. */
    private int messageSize;
    private long appBytes, appRecords, firstAppTimestamp = -1;
    private String lost;

    /** Whether handshake messages are still wanted. */
    void capture(boolean on) {
        capture = on;
        if (!on) {
            message.reset();
            messageSize = 0;
        }
    }

    /** Bytes of application_data record bodies (lengths from their headers). */
    long appBytes() {
        return appBytes;
    }

    long appRecords() {
        return appRecords;
    }

    /** When the first application_data record's header was seen, -1 before. */
    long firstAppTimestamp() {
        return firstAppTimestamp;
    }

    /** Why the stream is no longer followed, or {@code null}. */
    String lost() {
        return lost;
    }

    /**
     * The next {@code length} bytes of the stream, of which {@code data} holds the first
     * (the rest were not read: the payload limit); {@code timestamp} is the syscall's.
     */
    void feed(byte[] data, long length, long timestamp, Messages sink) {
        int i = 0;
        while (i < data.length && lost == null) {
            if (headerHave < HEADER) {
                int n = Math.min(HEADER - headerHave, data.length - i);
                System.arraycopy(data, i, header, headerHave, n);
                headerHave += n;
                i += n;
                if (headerHave == HEADER) record(timestamp);
                continue;
            }
            int n = Math.min(bodyLeft, data.length - i);
            if (type == HANDSHAKE && capture) handshake(data, i, n, timestamp, sink);
            i += n;
            bodyLeft -= n;
            if (bodyLeft == 0) headerHave = 0;
        }
        skip(length - data.length);
    }

    /** Bytes that moved but were not read: only the inside of a record body not wanted can be passed over. */
    private void skip(long missing) {
        if (missing <= 0 || lost != null) return;
        if (headerHave == HEADER && missing <= bodyLeft && !(type == HANDSHAKE && capture)) {
            bodyLeft -= (int) missing;
            if (bodyLeft == 0) headerHave = 0;
        } else {
            lost = "bytes not read (the payload limit) where a record header or handshake was";
        }
    }

    /** A record header is complete. */
    private void record(long timestamp) {
        type = header[0] & 0xff;
        int major = header[1] & 0xff, length = (header[3] & 0xff) << 8 | (header[4] & 0xff);
        if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT || major != 3 || length > MAX_RECORD) {
            lost = String.format("not a TLS record header: %02x %02x %02x %02x %02x", header[0], header[1], header[2],
                    header[3], header[4]);
            return;
        }
        bodyLeft = length;
        if (type == APPLICATION_DATA) {
            appBytes += length;
            appRecords++;
            if (firstAppTimestamp < 0) firstAppTimestamp = timestamp;
        }
        if (length == 0) headerHave = 0;
    }

    /** Handshake record bytes: joined, and every whole message handed on. */
    private void handshake(byte[] data, int at, int n, long timestamp, Messages sink) {
        if (message.size() == 0) messageStart = timestamp;
        message.write(data, at, n);
        while (capture && message.size() >= Math.max(4, messageSize)) {
            byte[] b = message.toByteArray();
            int length = (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            if (length > MAX_MESSAGE) {
                capture(false);
                return;
            }
            messageSize = 4 + length;
            if (b.length < messageSize) return;
            message.reset();
            message.write(b, messageSize, b.length - messageSize);
            messageSize = 0;
            long start = messageStart;
            messageStart = timestamp;
            sink.message(b[0] & 0xff, java.util.Arrays.copyOfRange(b, 4, 4 + length), start);
        }
    }
}
