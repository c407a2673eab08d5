package io.jstrace.view.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process tree of an exec view, built from its events and drawn at the end: each
 * process with the commands it ran ({@code sh -c 'exec foo' → foo} when it exec'd more
 * than once), its tags, how it ended and how long its last program ran. A process that
 * never exec'd while watched shows as a fork of its parent's program.
 */
public final class ExecTree {
    private static final class Node {
        final int pid, ppid;
        final List<String> commands = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final List<Node> children = new ArrayList<>();
        String comm;
        ExecEvent exit;

        Node(int pid, int ppid) {
            this.pid = pid;
            this.ppid = ppid;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    /** The newest node of each pid: a pid reused after an exit starts a new node. */
    private final Map<Integer, Node> byPid = new HashMap<>();

    /** Takes one event of the view. */
    public void add(ExecEvent e) {
        if (e.kind() == ExecEvent.Kind.EXEC_FAILED) return;
        Node n = byPid.get(e.pid());
        if (n == null || n.exit != null) {
            n = new Node(e.pid(), e.ppid());
            nodes.add(n);
            byPid.put(e.pid(), n);
        }
        n.comm = e.comm();
        if (e.kind() == ExecEvent.Kind.EXEC) {
            n.commands.add(ShellWords.join(e.argv()));
            for (String t : e.tags()) if (!n.tags.contains(t)) n.tags.add(t);
        } else {
            n.exit = e;
        }
    }

    /** The tree, one line per process, children below their parents in the order they appeared. */
    public String render() {
        List<Node> roots = new ArrayList<>();
        Map<Integer, Node> seen = new HashMap<>();
        for (Node n : nodes) {
            Node parent = seen.get(n.ppid);
            if (parent != null) parent.children.add(n);
            else roots.add(n);
            seen.put(n.pid, n);
        }
        StringBuilder b = new StringBuilder();
        for (Node r : roots) draw(r, "", "", b);
        return b.toString();
    }

    private static void draw(Node n, String lead, String childLead, StringBuilder b) {
        b.append(lead).append(n.pid).append(' ').append(label(n));
        if (!n.tags.isEmpty()) b.append("  [").append(String.join(",", n.tags)).append(']');
        if (n.exit != null) {
            b.append("  ").append(n.exit.status()).append(", ").append(ExecText.seconds(n.exit.duration()));
        } else {
            b.append("  (running)");
        }
        b.append('\n');
        for (int i = 0; i < n.children.size(); i++) {
            boolean last = i == n.children.size() - 1;
            draw(n.children.get(i), childLead + (last ? "└── " : "├── "), childLead + (last ? "    " : "│   "), b);
        }
    }

    private static String label(Node n) {
        if (!n.commands.isEmpty()) return String.join(" → ", n.commands);
        return "(fork) " + (n.comm == null ? "?" : n.comm);
    }
}
