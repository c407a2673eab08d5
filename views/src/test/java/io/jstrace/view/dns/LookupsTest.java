package io.jstrace.view.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LookupsTest {
    @Test
    void searchListIsTheLastSearchOrDomainLine() {
        assertEquals(List.of("a.test", "b.test"), Lookups.searchDomains(List.of("domain x.test", "nameserver 10.0.0.1",
                "search  A.test\tb.test. # comment")));
        assertEquals(List.of("x.test"), Lookups.searchDomains(List.of("search a.test", "domain x.test")));
        assertEquals(List.of(), Lookups.searchDomains(List.of("nameserver ::1", "search")));
    }

    @Test
    void stemsTakeOffEachSearchDomain() {
        assertEquals(Set.of("nx.test.test", "nx.test"), Lookups.stems("nx.test.test", List.of("test")));
        assertEquals(Set.of("h.a.test", "h.a", "h"), Lookups.stems("h.a.test", List.of("test", "a.test")));
        assertEquals(Set.of("test"), Lookups.stems("test", List.of("test")));
    }

    @Test
    void oneThreadsQueriesForOneNameAreOneLookup() {
        Lookups l = new Lookups();
        // no resolv.conf can be read for pid 0: no search domains, the names themselves
        long first = l.of(0, 7, "h.test", "A");
        assertEquals(first, l.of(0, 7, "H.test", "AAAA"));
        l.answered(7, first, "h.test", "AAAA", "SERVFAIL");
        assertEquals(first, l.of(0, 7, "h.test", "AAAA")); // asked again after SERVFAIL: the same lookup
        l.answered(7, first, "h.test", "A", "NOERROR");
        long again = l.of(0, 7, "h.test", "A"); // answered before: the next getaddrinfo
        assertNotEquals(first, again);
        long other = l.of(0, 8, "h.test", "A"); // another thread
        assertNotEquals(again, other);
        assertNotEquals(again, l.of(0, 7, "m.test", "MX"));
    }
}
