package io.jstrace.core.internal;

import static io.jstrace.core.internal.jnr.Ptrace.*;

import io.jstrace.core.TraceException;
import io.jstrace.core.internal.jnr.LibC;
import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.NativeBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a command stopped before its execve, without fork() in the JVM: posix_spawn a
 * shell prelude that stops itself, {@code sh -c 'kill -STOP $$; exec "$0"' PATH ARGV...},
 * then seize it.
 *
 * <p>The shell would exec PATH with argv {@code [PATH]} and its own environment. At the
 * execve's syscall-enter-stop the loop points the argv and envp registers back into the
 * shell's initial stack ({@link #retarget}): argv at the caller's ARGV, envp at the
 * environment exactly as spawned. So the target gets the argv and environment it was
 * given, byte for byte and in order, whatever the shell does to its own.
 */
public final class Launcher {
    static final String PRELUDE = "kill -STOP $$; exec \"$0\"";
    private static final long SIG_DFL = 0, SIG_IGN = 1;
    /** Signals this JVM was given ignored and now catches: a launched command gets them ignored still. */
    private static final java.util.Set<Integer> givenIgnored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Words of shell argv before the target's argv: sh, -c, PRELUDE, PATH. */
    static final int PRELUDE_ARGS = 4;
    private static final int SIGSTOP = 19, SIGCONT = 18, SIGPIPE = 13, SIGXFSZ = 25;
    private static final int SPAWNATTR_SD = 8;
    private static final int F_OK = 0, X_OK = 1;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    private Launcher() {}

    /**
     * Resolves {@code name} the way execvp(3) would, in the {@code PATH} of {@code env} (the
     * tracer's own environment, as strace's getenv("PATH") in startup_child: {@code -E} changes
     * the command's alone), first match wins, so that "not found" is the tracer's own error
     * (strace: {@code Can't stat 'x': No such file or directory}).
     * Bytes throughout: a name or a PATH that is not valid in the locale's charset is found.
     *
     * @return the path to exec, with a '/' in it
     */
    public static byte[] resolve(LibC libc, byte[] name, List<byte[]> env) throws TraceException {
        String shown = io.jstrace.core.TraceeText.text(name);
        // strace.c: startup_child, a name longer than PATH_MAX - 1 is ENAMETOOLONG
        if (name.length > 4095) throw new TraceException("exec: File name too long");
        if (indexOf(name, (byte) '/', 0) >= 0) { // only stat'ed: whether it runs is the execve's to say
            if (libc.access(cPath(name), F_OK) != 0) {
                throw new TraceException("Can't stat '" + shown + "': " + Errors.message(Native.errno()));
            }
            return name;
        }
        byte[] path = variable(env, "PATH");
        if (path == null) path = bytes("/usr/local/bin:/bin:/usr/bin");
        for (int from = 0, to; from <= path.length; from = to + 1) {
            to = indexOf(path, (byte) ':', from);
            if (to < 0) to = path.length;
            byte[] dir = to == from ? bytes(".") : java.util.Arrays.copyOfRange(path, from, to);
            byte[] p = join(dir, bytes("/"), name);
            // a regular file that may be executed: executable, and "p/." not there (not a directory)
            if (libc.access(cPath(p), X_OK) == 0 && libc.access(cPath(join(p, bytes("/."))), F_OK) != 0) return p;
        }
        throw new TraceException("Can't stat '" + shown + "': No such file or directory");
    }

    /** The value of {@code name} in {@code env} ({@code NAME=value} entries), or null. */
    private static byte[] variable(List<byte[]> env, String name) {
        byte[] prefix = bytes(name + "=");
        for (byte[] e : env) {
            if (e.length >= prefix.length && java.util.Arrays.equals(e, 0, prefix.length, prefix, 0, prefix.length)) {
                return java.util.Arrays.copyOfRange(e, prefix.length, e.length);
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    private static byte[] join(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static NativeBuffer cPath(byte[] path) {
        NativeBuffer c = NativeBuffer.allocate(path.length + 1); // zeroed: the NUL is there
        c.put(0, path, 0, path.length);
        return c;
    }

    /**
     * Makes {@code sig} default if this process was given it ignored, so that the JVM
     * installs a handler for it (it leaves an ignored SIGINT, SIGTERM or SIGHUP ignored:
     * signals_posix.cpp, JVM_RegisterSignal), as strace installs its own whatever it
     * inherited. A command launched later still gets it ignored, as strace's child does
     * (strace starts the child before it installs its handlers): the prelude ignores it
     * again, and an ignored signal stays ignored across execve (signal(7)).
     */
    public static void unignore(int sig) {
        LibC libc = Native.libc();
        if (libc.signal(sig, SIG_DFL) == SIG_IGN) givenIgnored.add(sig);
    }

    /** The prelude: {@code trap '' SIG...} for the signals given ignored, stop, exec the target. */
    static String prelude() {
        if (givenIgnored.isEmpty()) return PRELUDE;
        StringBuilder b = new StringBuilder("trap ''");
        for (int sig : new java.util.TreeSet<>(givenIgnored)) b.append(' ').append(sig);
        return b.append("; ").append(PRELUDE).toString();
    }

    /** The environment the ./jstrace script was given, when it saved it (see {@link #takeSavedEnvironment}). */
    private static volatile List<byte[]> saved;

    /**
     * Takes the environment a launcher saved before it could change it: a POSIX shell drops
     * the variables whose names are not identifiers ({@code a-b=1}) and reorders the rest,
     * so the ./jstrace script copies its own /proc/PID/environ, which the kernel keeps as
     * execve gave it, to a file named by {@code -Djstrace.environ}. The file is read once
     * and removed; without it, the JVM's own environment is the command's.
     */
    public static void takeSavedEnvironment() {
        String file = System.getProperty("jstrace.environ");
        if (file == null || file.isEmpty()) return;
        try {
            saved = entries(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            // the JVM's own environment, as without the launcher
        } finally {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                // left in /tmp, mode 0600
            }
        }
    }

    /** The environment jstrace was given, exactly, in order: the saved one, else /proc/self/environ. */
    public static List<byte[]> inheritedEnvironment() {
        if (saved != null) return saved;
        try {
            return entries(Files.readAllBytes(Path.of("/proc/self/environ")));
        } catch (IOException e) {
            List<byte[]> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
            return env;
        }
    }

    /**
     * Spawns the prelude, waits for it to stop itself, seizes it and lets it run on to
     * its execve. Must run on the tracer thread.
     *
     * @return the pid
     */
    static int spawn(LibC libc, byte[] path, List<byte[]> argv, List<byte[]> env, java.util.Set<Integer> keepFds,
            int options) throws TraceException {
        List<byte[]> shellArgv = new ArrayList<>();
        shellArgv.add(bytes("sh"));
        shellArgv.add(bytes("-c"));
        shellArgv.add(bytes(prelude()));
        shellArgv.add(path);
        shellArgv.addAll(argv);
        NativeBuffer pidOut = NativeBuffer.allocate(4);
        NativeBuffer attr = spawnAttributes(libc);
        NativeBuffer actions = closeOthers(libc, keepFds);
        List<NativeBuffer> keep = new ArrayList<>();
        int err = libc.posix_spawn(
                pidOut, "/bin/sh", actions, attr, cStrings(shellArgv, keep), cStrings(env, keep));
        libc.posix_spawnattr_destroy(attr);
        libc.posix_spawn_file_actions_destroy(actions);
        java.lang.ref.Reference.reachabilityFence(keep);
        if (err != 0) throw new TraceException("posix_spawn /bin/sh: error " + err);
        int pid = pidOut.getInt(0);
        awaitSelfStop(libc, pid);
        if (libc.ptrace(PTRACE_SEIZE, pid, 0, options) < 0) {
            int e = Native.errno();
            libc.kill(pid, 9);
            throw new TraceException("ptrace(PTRACE_SEIZE, " + pid + "): " + Errors.message(e));
        }
        libc.kill(pid, SIGCONT);
        return pid;
    }

    private static void awaitSelfStop(LibC libc, int pid) throws TraceException {
        NativeBuffer status = NativeBuffer.allocate(4);
        while (true) {
            int r = libc.waitpid(pid, status, WUNTRACED);
            if (r == pid && WaitStatus.stopped(status.getInt(0))) return;
            if (r == pid || (r < 0 && Native.errno() != EINTR)) {
                throw new TraceException("the launch prelude /bin/sh exited before it stopped");
            }
        }
    }

    /**
     * Closes in the child every descriptor of this JVM (/proc/self/fd) but {@code keepFds}:
     * the JVM's jars and sockets are not the command's, and strace's child gets only
     * what strace was given.
     */
    static NativeBuffer closeOthers(LibC libc, java.util.Set<Integer> keepFds) {
        NativeBuffer actions = NativeBuffer.allocate(256);
        libc.posix_spawn_file_actions_init(actions);
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : fds.toList()) {
                int fd = Integer.parseInt(p.getFileName().toString());
                if (!keepFds.contains(fd)) libc.posix_spawn_file_actions_addclose(actions, fd);
            }
        } catch (IOException | NumberFormatException e) {
            // without /proc the child inherits what is not close-on-exec
        }
        return actions;
    }

    /** An empty signal mask and default dispositions for the signals the JVM changes. */
    private static NativeBuffer spawnAttributes(LibC libc) {
        NativeBuffer attr = NativeBuffer.allocate(1024);
        NativeBuffer set = NativeBuffer.allocate(128);
        libc.posix_spawnattr_init(attr);
        libc.sigemptyset(set);
        libc.posix_spawnattr_setsigmask(attr, set);
        libc.sigaddset(set, SIGPIPE);
        libc.sigaddset(set, SIGXFSZ);
        libc.posix_spawnattr_setsigdefault(attr, set);
        // The JVM ignores glibc's internal signals 32 and 33, and ignored signals survive
        // exec; sigaddset refuses them, so set their bits in the attribute's default set
        // directly (glibc's posix_spawnattr_t: short flags, pid_t pgrp, sigset_t sd at 8).
        attr.putByte(SPAWNATTR_SD + 3, (byte) (attr.getByte(SPAWNATTR_SD + 3) | 0x80));
        attr.putByte(SPAWNATTR_SD + 4, (byte) (attr.getByte(SPAWNATTR_SD + 4) | 0x01));
        libc.posix_spawnattr_setflags(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
        return attr;
    }

    /**
     * At the prelude's execve-enter-stop: the argv and envp the target must get, as
     * addresses in the shell's initial stack. The kernel lays that stack out as argc,
     * argv[], NULL, envp[], NULL (fs/binfmt_elf.c: create_elf_tables), and reports its
     * address as field 28 of /proc/PID/stat (startstack).
     *
     * @return {@code {argv, envp}}, or {@code null} when the stack is not as expected
     */
    static long[] retarget(int pid, io.jstrace.core.TraceeMemory memory, int targetArgc) {
        long startStack;
        try {
            String stat = Files.readString(Path.of(ProcFs.pidDir(pid) + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            startStack = Long.parseUnsignedLong(f[28 - 3]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        byte[] argc = memory.read(startStack, 8);
        int shellArgc = PRELUDE_ARGS + targetArgc;
        if (argc == null || java.nio.ByteBuffer.wrap(argc).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong() != shellArgc) {
            return null;
        }
        long argv = startStack + 8;
        return new long[] {argv + 8L * PRELUDE_ARGS, argv + 8L * (shellArgc + 1)};
    }

    /** NUL-terminated entries. */
    static List<byte[]> entries(byte[] all) {
        List<byte[]> env = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                env.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return env;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A NULL-terminated {@code char *[]} in native memory; its strings are added to {@code keep}. */
    private static NativeBuffer cStrings(List<byte[]> strings, List<NativeBuffer> keep) {
        int total = 0;
        for (byte[] s : strings) total += s.length + 1;
        NativeBuffer block = NativeBuffer.allocate(Math.max(total, 1));
        NativeBuffer array = NativeBuffer.allocate(8 * (strings.size() + 1));
        keep.add(block);
        int off = 0;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            block.put(off, s, 0, s.length); // the buffer is zeroed: the NUL is there
            array.putLong(8 * i, block.address() + off);
            off += s.length + 1;
        }
        return array; // and its last pointer NULL
    }
}
