package io.jstrace.view.dns;

import io.jstrace.core.HostFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups a thread's queries into lookups: the exchanges of one name resolution, as one
 * getaddrinfo makes them — the A and AAAA queries for a name, and the same name tried
 * with each search domain of the process's resolver configuration (resolv.conf(5)
 * {@code search}/{@code domain}, read from the process's own root) and bare. A name's
 * stems are the name itself and the name with each search domain it ends in taken off
 * ({@code nx.test.test} under {@code search test}: itself and {@code nx.test}). A query
 * belongs to the thread's current lookup when its stems meet the stems of the lookup's
 * first name and the lookup has no final answer to it yet — NOERROR or NXDOMAIN; after
 * REFUSED, SERVFAIL or no answer glibc asks again (res_send's attempts, the next server),
 * and that is the same lookup. Otherwise it starts the next lookup. Resends of one query
 * on one socket are retries of an exchange, not new queries, and never reach here.
 */
final class Lookups {
    private record Current(long id, Set<String> stems, Set<String> settled) {}

    private final Map<Integer, Current> byThread = new HashMap<>();
    private final Map<Integer, List<String>> searchByPid = new HashMap<>();
    private long next;

    /** The lookup that thread {@code tid} of {@code pid} asking {@code name}/{@code type} belongs to. */
    long of(int pid, int tid, String name, String type) {
        String n = name.toLowerCase(Locale.ROOT);
        Set<String> stems = stems(n, searchByPid.computeIfAbsent(pid, Lookups::searchDomains));
        Current c = byThread.get(tid);
        if (c == null || java.util.Collections.disjoint(c.stems, stems) || c.settled.contains(n + "/" + type)) {
            c = new Current(++next, stems, new HashSet<>());
            byThread.put(tid, c);
        }
        return c.id;
    }

    /** Lookup {@code id}'s query for {@code name}/{@code type} by {@code tid} got an answer with {@code rcode}. */
    void answered(int tid, long id, String name, String type, String rcode) {
        Current c = byThread.get(tid);
        if (c == null || c.id != id || !("NOERROR".equals(rcode) || "NXDOMAIN".equals(rcode))) return;
        c.settled.add(name.toLowerCase(Locale.ROOT) + "/" + type);
    }

    /** A thread ended: its lookup with it. */
    void ended(int tid) {
        byThread.remove(tid);
    }

    /** A process ended or exec'd: its resolver configuration is read again when next asked. */
    void forget(int pid) {
        searchByPid.remove(pid);
    }

    static Set<String> stems(String name, List<String> search) {
        Set<String> stems = new HashSet<>();
        stems.add(name);
        for (String d : search) {
            int cut = name.length() - d.length() - 1;
            if (cut > 0 && name.endsWith(d) && name.charAt(cut) == '.') stems.add(name.substring(0, cut));
        }
        return stems;
    }

    /** The search list of resolv.conf(5): the last {@code search} or {@code domain} line wins. */
    static List<String> searchDomains(List<String> resolvConf) {
        List<String> list = List.of();
        for (String line : resolvConf) {
            String[] w = line.strip().split("[ \t]+");
            if (w.length < 2 || !(w[0].equals("search") || w[0].equals("domain"))) continue;
            List<String> l = new ArrayList<>();
            for (int i = 1; i < w.length && !w[i].startsWith("#") && !w[i].startsWith(";"); i++) {
                String d = w[i].toLowerCase(Locale.ROOT);
                l.add(d.endsWith(".") ? d.substring(0, d.length() - 1) : d);
            }
            list = l;
        }
        return list;
    }

    private static List<String> searchDomains(int pid) {
        return searchDomains(HostFacts.of(pid, pid).rootFileLines("etc/resolv.conf"));
    }
}
