package io.jstrace.view.dns;

/**
 * One resource record of a DNS message, its data as text in the zone-file style
 * ({@code 10.0.0.1}, {@code 10 mail.example.}, {@code "hello"}), names without the final dot.
 *
 * @param name  the owner name, lower case as sent
 * @param type  the type's mnemonic ({@code A}, {@code AAAA}, ...), or {@code TYPE65280} for one unknown
 * @param clazz the class's mnemonic ({@code IN}, ...), or {@code CLASS9}; for OPT, the UDP payload size
 * @param ttl   the time to live in seconds (one with its top bit set reads as 0, RFC 2181 8)
 * @param data  the record's data as text; unknown types in RFC 3597's {@code \# LEN HEX}
 */
public record DnsRecord(String name, String type, String clazz, long ttl, String data) {}
