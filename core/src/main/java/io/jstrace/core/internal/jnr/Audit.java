package io.jstrace.core.internal.jnr;

/**
 * Constants of the audit subsystem's netlink protocol, from include/uapi/linux/audit.h
 * (x86_64 and aarch64 share every value here).
 */
public final class Audit {
    /** include/uapi/linux/netlink.h: the protocol; SOCK_RAW, as auditd opens it. */
    public static final int NETLINK_AUDIT = 9;
    public static final int SOCK_RAW = 3;
    public static final int NLM_F_REQUEST = 1, NLM_F_ACK = 4;

    /** Requests: get and set the status, add and delete a rule. */
    public static final int AUDIT_GET = 1000, AUDIT_SET = 1001, AUDIT_ADD_RULE = 1011, AUDIT_DEL_RULE = 1012;

    /** Records of a syscall event, one message each, sharing the event's serial number. */
    public static final int AUDIT_SYSCALL = 1300, AUDIT_PATH = 1302, AUDIT_SOCKADDR = 1306, AUDIT_CWD = 1307,
            AUDIT_EXECVE = 1309, AUDIT_EOE = 1320, AUDIT_PROCTITLE = 1327;

    /** struct audit_status: the mask bits of AUDIT_SET and the fields' offsets. */
    public static final int AUDIT_STATUS_ENABLED = 0x1, AUDIT_STATUS_FAILURE = 0x2, AUDIT_STATUS_PID = 0x4,
            AUDIT_STATUS_BACKLOG_LIMIT = 0x10, AUDIT_STATUS_BACKLOG_WAIT_TIME = 0x20;
    public static final int STATUS_MASK = 0, STATUS_ENABLED = 4, STATUS_FAILURE = 8, STATUS_PID = 12,
            STATUS_BACKLOG_LIMIT = 20, STATUS_LOST = 24, STATUS_BACKLOG_WAIT_TIME = 36, STATUS_SIZE = 40;
    /** enabled = 2: the configuration is locked until reboot (auditctl -e 2). */
    public static final int AUDIT_LOCKED = 2;
    /** failure = 0: a lost record is counted only (AUDIT_FAIL_SILENT); 1 would printk it. */
    public static final int AUDIT_FAIL_SILENT = 0;

    /** struct audit_rule_data: its fixed part, 64 syscall-mask words and 64 fields. */
    public static final int AUDIT_FILTER_EXIT = 0x04, AUDIT_ALWAYS = 2;
    public static final int AUDIT_BITMASK_SIZE = 64, AUDIT_MAX_FIELDS = 64;
    public static final int RULE_SIZE = 12 + 4 * AUDIT_BITMASK_SIZE + 3 * 4 * AUDIT_MAX_FIELDS + 4;
    /** Fields a rule compares, and the equality operator. */
    public static final int AUDIT_ARCH = 11, AUDIT_SUCCESS = 104, AUDIT_ARG2 = 202, AUDIT_FILTERKEY = 210;
    public static final int AUDIT_EQUAL = 0x40000000, AUDIT_LESS_THAN_OR_EQUAL = 0x50000000,
            AUDIT_GREATER_THAN_OR_EQUAL = 0x60000000;

    private Audit() {}
}
