package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskGroupsTest {
    private final TaskGroups groups = new TaskGroups();

    /** {@code creator} (of group {@code creatorGroup} as /proc would say) makes task {@code child}. */
    private void born(int creator, int creatorGroup, int child, String flags) {
        groups.born(creator, "pid=" + child + " comm=my task clone_flags=" + flags + " oom_score_adj=0",
                () -> creatorGroup);
    }

    @Test
    void aThreadJoinsItsCreatorsGroupAndAProcessStartsItsOwn() {
        // pthread_create's clone flags: CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        born(101, 100, 102, "3d0f00");
        born(102, 999, 103, "1200011"); // fork(): SIGCHLD|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID
        born(102, 999, 104, "3d0f00"); // the group this table knows, not /proc's
        assertEquals(100, groups.group(102));
        assertEquals(103, groups.group(103));
        assertEquals(100, groups.group(104));
        assertEquals(-1, groups.group(105));
    }

    @Test
    void aReusedNumberNamesItsNewHolder() {
        born(100, 100, 102, "3d0f00");
        born(1, 1, 102, "1200011");
        assertEquals(102, groups.group(102));
    }

    @Test
    void theNewestAreKept() {
        for (int i = 0; i <= TaskGroups.KEPT; i++) born(1, 1, 1000 + i, "1200011");
        assertEquals(-1, groups.group(1000), "the oldest forgotten, left to /proc");
        assertEquals(1001, groups.group(1001));
        born(1, 1, 1001, "1200011"); // taken again: the newest now
        born(1, 1, 999_999, "1200011");
        assertEquals(1001, groups.group(1001));
        assertEquals(-1, groups.group(1002));
        assertEquals(TaskGroups.KEPT, groups.size());
    }

    @Test
    void aLineOfAnotherFormIsLeftOut() {
        groups.born(1, "garbage", () -> 1);
        groups.born(1, "pid=x comm=a clone_flags=0 oom_score_adj=0", () -> 1);
        assertEquals(0, groups.size());
    }

    @Test
    void theSnapshotKnowsThisVeryThread() throws Exception {
        groups.snapshot();
        int tid = Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        assertEquals(ProcessHandle.current().pid(), groups.group(tid));
    }
}
