package io.jstrace.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a session stops a tracee's code ({@link TraceSession#addBreakpoint}): the function
 * {@code symbol} of every mapped ELF file whose name matches {@code file}, or one absolute
 * {@code address}. A symbol is looked up in the files' {@code .symtab} and {@code .dynsym}
 * when they are mapped executable (at exec, at attach, and at every later {@code mmap} with
 * {@code PROT_EXEC}, so libraries loaded by {@code dlopen} are caught); PIE and ASLR are
 * handled through the mapping's load bias. With {@code returns}, the function's return is
 * reported too ({@link BreakpointHit.Kind#RETURN}).
 *
 * @param file    a regular expression found in the mapped file's base name
 *                ({@code "^libssl\\.so"}); {@code null} for every mapped file
 * @param symbol  a function name, or {@code null} for {@code address}
 * @param address an absolute address in the tracee's code, when {@code symbol} is {@code null}
 * @param returns report the return of each call too
 */
public record Breakpoint(Pattern file, String symbol, long address, boolean returns) {

    public Breakpoint {
        if (symbol == null && address == 0) throw new IllegalArgumentException("a breakpoint needs a symbol or an address");
    }

    /** Function {@code symbol} in every mapped file whose base name matches {@code fileRegex} ({@code null}: any). */
    public static Breakpoint symbol(String fileRegex, String symbol) {
        return new Breakpoint(fileRegex == null ? null : Pattern.compile(fileRegex), Objects.requireNonNull(symbol), 0,
                false);
    }

    /** The instruction at {@code address} in every traced process. */
    public static Breakpoint address(long address) {
        return new Breakpoint(null, null, address, false);
    }

    /** The same breakpoint, reporting returns too. */
    public Breakpoint withReturns() {
        return new Breakpoint(file, symbol, address, true);
    }

    /** Whether a mapped file named {@code path} may hold this breakpoint's symbol. */
    public boolean matchesFile(String path) {
        if (symbol == null) return false;
        if (file == null) return true;
        return file.matcher(path.substring(path.lastIndexOf('/') + 1)).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Breakpoint b && Objects.equals(symbol, b.symbol) && address == b.address
                && returns == b.returns && Objects.equals(file == null ? null : file.pattern(),
                        b.file == null ? null : b.file.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, address, returns, file == null ? null : file.pattern());
    }

    @Override
    public String toString() {
        return symbol != null ? (file == null ? "" : file.pattern() + ":") + symbol : "0x" + Long.toHexString(address);
    }
}
