package io.jstrace.decode;

import io.jstrace.syscalls.xlat.WatchdogIoctlCmds;

/**
 * Watchdog ioctls (include/uapi/linux/watchdog.h, Documentation/watchdog/watchdog-api.rst):
 * the getters fill an int, WDIOC_SETTIMEOUT and WDIOC_SETPRETIMEOUT take one, and
 * WDIOC_KEEPALIVE ignores its argument.
 */
final class WatchdogIoctls {
    private WatchdogIoctls() {}

    static IoctlArg of(long request) {
        if (request == WatchdogIoctlCmds.WDIOC_KEEPALIVE) return IoctlArg.NONE;
        if (request == WatchdogIoctlCmds.WDIOC_SETTIMEOUT || request == WatchdogIoctlCmds.WDIOC_SETPRETIMEOUT)
            return IoctlArg.in(IoctlArg::intIn);
        if (request == WatchdogIoctlCmds.WDIOC_GETSTATUS || request == WatchdogIoctlCmds.WDIOC_GETBOOTSTATUS
                || request == WatchdogIoctlCmds.WDIOC_GETTEMP || request == WatchdogIoctlCmds.WDIOC_GETTIMEOUT
                || request == WatchdogIoctlCmds.WDIOC_GETPRETIMEOUT || request == WatchdogIoctlCmds.WDIOC_GETTIMELEFT)
            return IoctlArg.out(IoctlArg::intIn);
        return null;
    }
}
