package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * AX.25 (amateur packet radio) addresses as strace 6.1 prints them (src/sockaddr.c).
 * An ax25_address (include/uapi/linux/ax25.h) holds six callsign characters, each shifted
 * left by one bit and padded with spaces, then a byte whose bits 1-4 are the SSID:
 * {@code VALID-13}. An address that does not look like a callsign prints its bytes as well,
 * {@code {ax25_call="\x8c..."} /* FINE-2 *\/}, or its bytes alone when its text could not be
 * printed.
 */
final class Ax25Addrs {
    /** sizeof(struct sockaddr_ax25): family, sax25_call, then the int sax25_ndigis at offset 12. */
    static final int SOCKADDR_AX25_SIZE = 16;
    /** sizeof(ax25_address); AX25_MAX_DIGIS, the digipeaters of a full_sockaddr_ax25. */
    private static final int AX25_ADDR_LEN = 7, AX25_MAX_DIGIS = 8;
    private static final int NDIGIS = 12;

    /** How an address prints: as -X says, with its bytes whatever -X says, or as its bytes only. */
    private enum Form { AS_STYLED, WITH_BYTES, BYTES_ONLY }

    private Ax25Addrs() {}

    /**
     * struct sockaddr_ax25, or a full_sockaddr_ax25 when it names digipeaters or is longer:
     * {@code fsa_ax25={...}} and the digipeaters the length holds, at most sax25_ndigis
     * ({@code ...} for those cut off), then {@code ...} when bytes follow them.
     */
    static void sockaddr(byte[] raw, int len, List<Field> f) {
        int ndigis = TraceeArrays.s32(raw, NDIGIS);
        List<Field> head = List.of(field("sax25_call", address(raw, 2)), field("sax25_ndigis", Value.dec(ndigis)));
        if (ndigis == 0 && len <= SOCKADDR_AX25_SIZE) {
            f.addAll(head);
            return;
        }
        f.add(field("fsa_ax25", new Value.Struct(head, false)));
        int present = Math.min((len - SOCKADDR_AX25_SIZE) / AX25_ADDR_LEN, AX25_MAX_DIGIS);
        int wanted = Math.min(Math.max(ndigis, 0), AX25_MAX_DIGIS);
        if (wanted > 0) {
            List<Value> digis = new ArrayList<>();
            for (int k = 0; k < Math.min(present, wanted); k++) {
                digis.add(address(raw, SOCKADDR_AX25_SIZE + k * AX25_ADDR_LEN));
            }
            f.add(field("fsa_digipeater", new Value.Arr(digis, wanted > present)));
        }
        if (len > SOCKADDR_AX25_SIZE + present * AX25_ADDR_LEN) f.add(field("", new Value.Text("...")));
    }

    /** The ax25_address at {@code off}. */
    static Value address(byte[] raw, int off) {
        Value bytes = new Value.Struct(List.of(field("ax25_call",
                SocketDecoders.hexBytes(raw, off, off + AX25_ADDR_LEN))), false);
        Form form = form(raw, off);
        if (form == Form.BYTES_ONLY) return bytes;
        String text = text(raw, off);
        Value withBytes = new Value.Commented(bytes, text);
        if (form == Form.WITH_BYTES) { // a '?' in the text must not hide the comment under -X raw
            String rendered = new StraceText(StraceText.Escape.OCTAL).render(withBytes);
            return new Value.Styled(withBytes, new Value.Text(rendered), withBytes);
        }
        return new Value.Styled(new Value.Text(text), bytes, withBytes);
    }

    /**
     * A callsign is upper-case letters and digits, spaces only at its end, each character's
     * low bit clear, and an SSID byte with only bits 1-4 set (and zero when the callsign is
     * all spaces); characters outside printable ASCII, {@code *} and {@code /} (which would
     * break the comment) cannot be printed as text at all.
     */
    private static Form form(byte[] raw, int off) {
        Form form = Form.AS_STYLED;
        boolean space = false, letter = false;
        for (int k = off; k < off + AX25_ADDR_LEN - 1; k++) {
            int b = raw[k] & 0xff, c = b >> 1;
            if ((b & 1) != 0) form = Form.WITH_BYTES;
            if (c == ' ') space = true;
            else letter = true;
            boolean callsign = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == ' ';
            if (!callsign || (c != ' ' && space)) form = Form.WITH_BYTES;
            if (c < ' ' || c > 0x7e || c == '*' || c == '/') return Form.BYTES_ONLY;
        }
        int ssid = raw[off + AX25_ADDR_LEN - 1] & 0xff;
        if ((ssid & ~0x1e) != 0 || (!letter && ssid != 0)) form = Form.WITH_BYTES;
        return form;
    }

    /** {@code CALL-SSID}, the callsign without its trailing spaces; {@code *} for an empty one with SSID 0. */
    private static String text(byte[] raw, int off) {
        int end = AX25_ADDR_LEN - 1;
        while (end > 0 && (raw[off + end - 1] & 0xff) >> 1 == ' ') end--;
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < end; k++) s.append((char) ((raw[off + k] & 0xff) >> 1));
        int ssid = (raw[off + AX25_ADDR_LEN - 1] & 0xff) >> 1 & 0xf;
        if (end == 0 && ssid == 0) return "*";
        return s.append('-').append(ssid).toString();
    }
}
