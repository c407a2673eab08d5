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
    /** Words of shell argv before the target's argv: sh, -c, PRELUDE, PATH. */
    static final int PRELUDE_ARGS = 4;
    private static final int SIGSTOP = 19, SIGCONT = 18, SIGPIPE = 13, SIGXFSZ = 25;
    private static final int SPAWNATTR_SD = 8;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;

    private Launcher() {}

    /**
     * Resolves {@code name} the way execvp(3) would, first match wins, so that "not found"
     * is the tracer's own error (strace: {@code Can't stat 'x': No such file or directory}).
     */
    public static Path resolve(String name) throws TraceException {
        if (name.contains("/")) return checkExecutable(Path.of(name), name);
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/bin:/usr/bin");
        for (String dir : path.split(":", -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        throw new TraceException("Can't stat '" + name + "': No such file or directory");
    }

    /** A path is only stat'ed: whether it can be executed is the execve's to say, as in strace. */
    private static Path checkExecutable(Path p, String name) throws TraceException {
        if (!Files.exists(p)) throw new TraceException("Can't stat '" + name + "': No such file or directory");
        return p;
    }

    /** The JVM's environment exactly as it was given: /proc/self/environ, in order. */
    public static List<byte[]> inheritedEnvironment() {
        try {
            byte[] all = Files.readAllBytes(Path.of("/proc/self/environ"));
            List<byte[]> env = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    env.add(java.util.Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            return env;
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
    static int spawn(LibC libc, Path path, List<String> argv, List<byte[]> env, java.util.Set<Integer> keepFds,
            int options) throws TraceException {
        List<byte[]> shellArgv = new ArrayList<>();
        shellArgv.add(bytes("sh"));
        shellArgv.add(bytes("-c"));
        shellArgv.add(bytes(PRELUDE));
        shellArgv.add(bytes(path.toString()));
        for (String a : argv) shellArgv.add(bytes(a));
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
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
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
