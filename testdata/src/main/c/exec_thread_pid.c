/*
 * exec_thread.c with the leader sleeping in an untraced call: the execve line
 * of the thread ends with " <pid changed to PID ...>" (no other line came in
 * between), then "+++ superseded by execve in pid TID +++".
 */
#define LEADER_UNTRACED 1
#include "exec_thread.c"
