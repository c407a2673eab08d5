package io.jstrace.view.exec;

import java.util.regex.Pattern;

/**
 * What an {@link ExecTracer} reports.
 *
 * @param cwd           read each exec's working directory
 * @param environment   compare each exec's environment with its parent's
 * @param failedExecs   report failed execs too (traced backends)
 * @param descendantsOf only this process and its descendants (system backend), or -1
 * @param cgroup        only members of this cgroup v2 group or groups below it, as a path
 *                      below the cgroup root ({@code /build/job1}), or {@code null}
 * @param uid           only this real user id, or -1
 * @param comm          only programs whose command name matches, or {@code null}
 */
record ExecSettings(boolean cwd, boolean environment, boolean failedExecs, int descendantsOf, String cgroup, int uid,
        Pattern comm) {

    static ExecSettings defaults() {
        return new ExecSettings(false, false, false, -1, null, -1, null);
    }
}
