package io.jstrace.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;

/**
 * The trace's output file as strace treats it (strace.c: a failed fflush of the output
 * prints {@code strace: FILE: ERROR} and tracing goes on): a write, flush or close that
 * fails says so in one line on standard error, and the trace and the command go on. What
 * could not be written is lost, and said to be.
 */
final class ReportingWriter extends Writer {
    private final String name;
    private final Writer out;
    private final PrintStream err;

    ReportingWriter(String name, Writer out, PrintStream err) {
        this.name = name;
        this.out = out;
        this.err = err;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        try {
            out.write(buf, off, len);
        } catch (IOException e) {
            report(e);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        try {
            out.write(s, off, len);
        } catch (IOException e) {
            report(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            report(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            report(e);
        }
    }

    private void report(IOException e) {
        String m = String.valueOf(e.getMessage());
        int paren = m.lastIndexOf('(');
        err.println(Jstrace.NAME + ": " + name + ": " + (paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m));
    }
}
