package io.jstrace.view.term;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads through from a stream and records every read (the seed's {@code RecordingReader}). */
public final class RecordingInputStream extends FilterInputStream {
    private final Recorder recorder;
    private final TermEvent.Type type;

    public RecordingInputStream(InputStream in, Recorder recorder, TermEvent.Type type) {
        super(in);
        this.recorder = recorder;
        this.type = type;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) recorder.addEvent(type, new byte[] {(byte) b});
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) recorder.addEvent(type, Arrays.copyOfRange(b, off, off + n));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }
}
