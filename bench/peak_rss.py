"""Runs a command and prints the peak resident set of its process, in kB: VmHWM from
/proc/PID/status (proc(5): the high-water mark of the process's own resident set, not its
children's), read every 5 ms until it exits. A launcher that execs (./jstrace execs java)
keeps the pid, and exec starts a new high-water mark: the last program's is what is read.

usage: peak_rss.py COMMAND [ARG...]
"""
import subprocess, sys, time

p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
peak = 0
while p.poll() is None:
    try:
        with open(f"/proc/{p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
    except OSError:
        pass  # between fork and exec, or exiting
    time.sleep(0.005)
print(peak)
