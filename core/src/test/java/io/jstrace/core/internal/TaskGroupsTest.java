package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskGroupsTest {
    private final TaskGroups groups = new TaskGroups();

    /** A line of task {@code tid} of group {@code pid}, as TraceInstance reads it. */
    private static TraceInstance.Line line(int pid, int tid, String event, String text) {
        return new TraceInstance.Line(0, pid, tid, "python3", "python3", ".....", event, text);
    }

    private static TraceInstance.Line born(int parentPid, int parentTid, int child, String flags) {
        return line(parentPid, parentTid, TaskGroups.NEWTASK,
                "pid=" + child + " comm=my task clone_flags=" + flags + " oom_score_adj=0");
    }

    private static TraceInstance.Line exit(int tid) {
        return line(tid, tid, TaskGroups.EXIT, "comm=python3 pid=" + tid + " prio=120 group_dead=true");
    }

    @Test
    void aThreadJoinsItsCreatorsGroupAndAProcessStartsItsOwn() {
        // pthread_create's clone flags (glibc clone3: CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|...)
        assertTrue(groups.follow(born(100, 101, 102, "3d0f00")));
        assertTrue(groups.follow(born(100, 102, 103, "1200011"))); // fork(): SIGCHLD|CLONE_CHILD_*
        assertEquals(100, groups.group(102));
        assertEquals(103, groups.group(103));
        assertEquals(-1, groups.group(104));
    }

    @Test
    void aReusedNumberNamesItsNewHolderAndKeepsItWhenTheOldIsRetired() {
        groups.follow(born(100, 100, 102, "3d0f00"));
        groups.follow(exit(102));
        assertEquals(100, groups.group(102), "an exiting task's later lines (its sockets' closes) are still its own");
        groups.follow(born(1, 1, 102, "1200011"));
        assertEquals(102, groups.group(102));
        for (int i = 0; i <= 4096; i++) {
            groups.follow(born(1, 1, 1000 + i, "1200011"));
            groups.follow(exit(1000 + i));
        }
        assertEquals(102, groups.group(102), "retiring the number's old holder leaves the new one");
        assertEquals(-1, groups.group(1000), "the oldest of the retired is forgotten");
        assertEquals(5096, groups.group(5096));
    }

    @Test
    void otherLinesAreNotFollowed() {
        assertFalse(groups.follow(line(1, 1, "inet_sock_set_state", "family=AF_INET")));
        assertTrue(groups.follow(line(1, 1, TaskGroups.NEWTASK, "garbage")));
        assertEquals(0, groups.size());
    }

    @Test
    void theSnapshotKnowsThisVeryThread() throws Exception {
        groups.snapshot();
        long pid = ProcessHandle.current().pid();
        int tid = Integer.parseInt(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self"))
                .getFileName().toString());
        assertEquals(pid, groups.group(tid));
    }
}
