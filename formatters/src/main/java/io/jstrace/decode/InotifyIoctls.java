package io.jstrace.decode;

import io.jstrace.syscalls.xlat.InotifyIoctlCmds;

/** inotify's one ioctl (include/uapi/linux/inotify.h): INOTIFY_IOC_SETNEXTWD takes the next watch descriptor as its argument. */
final class InotifyIoctls {
    private InotifyIoctls() {}

    static IoctlArg of(long request) {
        return request == InotifyIoctlCmds.INOTIFY_IOC_SETNEXTWD ? IoctlArg.in(IoctlArg::intValue) : null;
    }
}
