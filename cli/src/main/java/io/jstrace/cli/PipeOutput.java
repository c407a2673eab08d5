package io.jstrace.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * strace's {@code -o |COMMAND} (or {@code !COMMAND}): the trace is piped to a shell
 * command. Closing the writer waits for the command, so its output is complete when
 * jstrace exits. Writes after the command has gone are dropped, as a pipe would.
 */
final class PipeOutput extends Writer {
    private final Process process;
    private final Writer pipe;
    private boolean broken;

    private PipeOutput(Process process, String command) {
        this.process = process;
        this.pipe = new BufferedWriter(new OutputStreamWriter(
                PumpedOutput.of("pipe to " + command, process.getOutputStream()), StandardCharsets.ISO_8859_1),
                1 << 16);
    }

    static Writer open(String command) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new PipeOutput(p, command);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        if (broken) return;
        try {
            pipe.write(buf, off, len);
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public void flush() {
        if (broken) return;
        try {
            pipe.flush();
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        try {
            pipe.close();
        } catch (IOException e) {
            // the command has already gone
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
