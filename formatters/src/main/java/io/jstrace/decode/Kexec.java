package io.jstrace.decode;

/**
 * kexec_file_load(2) (kernel/kexec_file.c), as strace 6.1 prints it (src/kexec.c): the
 * command line is {@code cmdline_len} bytes, the length the kernel copies
 * (kimage_file_prepare_segments: copy_from_user of cmdline_len), printed as they are,
 * a NUL included, or as its address when they cannot all be read; the flags by name
 * (the catalogue's row).
 */
final class Kexec {
    private Kexec() {}

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(3, (c, i) -> Strings.buffer(c, c.arg(i), c.arg(i - 1))), "kexec_file_load");
    }
}
