package io.jstrace.view.term;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes through to a stream and records every write (the seed's {@code RecordingWriter}). */
public final class RecordingOutputStream extends FilterOutputStream {
    private final Recorder recorder;
    private final TermEvent.Type type;

    public RecordingOutputStream(OutputStream out, Recorder recorder, TermEvent.Type type) {
        super(out);
        this.recorder = recorder;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        recorder.addEvent(type, new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (len > 0) recorder.addEvent(type, Arrays.copyOfRange(b, off, off + len));
    }
}
