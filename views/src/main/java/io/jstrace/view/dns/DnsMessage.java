package io.jstrace.view.dns;

import java.util.List;

/**
 * A DNS message as {@link DnsParser} read it. A message that could not be read to its end
 * is still a message: what could be read is here, and {@link #malformed()} says what was
 * wrong.
 *
 * @param id         the transaction id
 * @param flags      the header's second 16-bit word (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode)
 * @param questions  the question section
 * @param answers    the answer section
 * @param authority  the authority section
 * @param additional the additional section, OPT excluded
 * @param edns       the OPT pseudo-record's EDNS facts, or {@code null} when there is none
 * @param length     the message's length in bytes
 * @param malformed  why the message could not be read to its end, or {@code null} when it could
 */
public record DnsMessage(int id, int flags, List<Question> questions, List<DnsRecord> answers,
        List<DnsRecord> authority, List<DnsRecord> additional, Edns edns, int length, String malformed) {

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** One question: name (no final dot; {@code .} for the root), type and class mnemonics. */
    public record Question(String name, String type, String clazz) {}

    /**
     * EDNS (RFC 6891) from the OPT record.
     *
     * @param udpSize  the sender's UDP payload size
     * @param version  the EDNS version
     * @param dnssecOk the DO bit
     * @param extendedRcode the upper 8 bits of the rcode
     */
    public record Edns(int udpSize, int version, boolean dnssecOk, int extendedRcode) {}

    public boolean isResponse() {
        return (flags & 0x8000) != 0;
    }

    public int opcode() {
        return (flags >> 11) & 0xf;
    }

    public boolean aa() {
        return (flags & 0x0400) != 0;
    }

    public boolean tc() {
        return (flags & 0x0200) != 0;
    }

    public boolean rd() {
        return (flags & 0x0100) != 0;
    }

    public boolean ra() {
        return (flags & 0x0080) != 0;
    }

    public boolean ad() {
        return (flags & 0x0020) != 0;
    }

    public boolean cd() {
        return (flags & 0x0010) != 0;
    }

    /** The response code with EDNS's upper bits (RFC 6891 6.1.3). */
    public int rcode() {
        return (flags & 0xf) | (edns == null ? 0 : edns.extendedRcode() << 4);
    }

    /** The rcode's name: {@code NOERROR}, {@code NXDOMAIN}, ..., {@code RCODE23} for one without. */
    public String rcodeName() {
        return DnsTypes.rcode(rcode());
    }

    /** The first question, or {@code null}. */
    public Question question() {
        return questions.isEmpty() ? null : questions.get(0);
    }
}
