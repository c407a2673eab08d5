package io.jstrace.decode;

/**
 * IPv6 addresses as text, the way glibc's inet_ntop(AF_INET6) writes them (resolv/inet_ntop.c,
 * which strace uses): lower-case hex groups without leading zeros, the longest run of two or
 * more zero groups (the first of equal runs) as {@code ::}, and the last 32 bits as a dotted
 * quad for IPv4-compatible ({@code ::1.2.3.4}) and IPv4-mapped ({@code ::ffff:1.2.3.4})
 * addresses.
 */
final class Inet6 {
    private Inet6() {}

    /** The 16 bytes at {@code off} as text. */
    static String ntop(byte[] raw, int off) {
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) words[k] = SockAddrs.u16be(raw, off + 2 * k);
        int bestBase = -1, bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (words[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && words[k] == 0) k++;
            if (k - start > bestLen) {
                bestBase = start;
                bestLen = k - start;
            }
        }
        if (bestLen < 2) bestBase = -1;
        StringBuilder b = new StringBuilder(40);
        for (int k = 0; k < 8; k++) {
            if (bestBase >= 0 && k >= bestBase && k < bestBase + bestLen) {
                if (k == bestBase) b.append(':');
                continue;
            }
            if (k != 0) b.append(':');
            if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                b.append(raw[off + 12] & 0xff).append('.').append(raw[off + 13] & 0xff).append('.')
                        .append(raw[off + 14] & 0xff).append('.').append(raw[off + 15] & 0xff);
                return b.toString();
            }
            b.append(Integer.toHexString(words[k]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) b.append(':');
        return b.toString();
    }
}
