# A parent that sees how a child died, as a shell does: starts a command (with SIGINT
# ignored, as a '&' job of a script, when asked), waits until the process it traces is
# traced, sends a signal, and reports as JSON: the child's returncode (negative: killed by
# that signal, WIFSIGNALED), how long the traced process took to be detached, its state.
import argparse, json, os, signal, subprocess, sys, time

a = argparse.ArgumentParser()
a.add_argument("--ignore-int", action="store_true")
a.add_argument("--unread-stderr", action="store_true")
a.add_argument("--traced", type=int)
a.add_argument("--pidfile")
a.add_argument("--wait-file")
a.add_argument("--fifo-reader")
a.add_argument("--settle", type=float, default=0.3)
a.add_argument("--signal", type=int, required=True)
a.add_argument("command", nargs="+")
o = a.parse_args()

def status(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return line.split()[1]
    except OSError:
        return None

def wait_for(cond, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False

reader = os.open(o.fifo_reader, os.O_RDONLY | os.O_NONBLOCK) if o.fifo_reader else None
pre = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if o.ignore_int else None
err = subprocess.PIPE if o.unread_stderr else open("stderr.txt", "wb")
p = subprocess.Popen(o.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=pre)
traced = o.traced
if o.pidfile:
    wait_for(lambda: os.path.exists(o.pidfile) and open(o.pidfile).read().strip(), 90)
    traced = int(open(o.pidfile).read())
if traced:
    ok = wait_for(lambda: status(traced, "TracerPid") not in (None, "0"), 90)
    if not ok:
        print(json.dumps({"error": "never traced"}))
        p.kill()
        sys.exit(0)
if o.wait_file:
    wait_for(lambda: os.path.exists(o.wait_file) and os.path.getsize(o.wait_file) > 0, 90)
time.sleep(o.settle)
t0 = time.time()
p.send_signal(o.signal)
result = {}
if traced:
    detached = wait_for(lambda: status(traced, "TracerPid") in (None, "0"), 10)
    result["detach_ms"] = int((time.time() - t0) * 1000) if detached else None
    result["state"] = status(traced, "State")
try:
    p.wait(timeout=15)
    result["returncode"] = p.returncode
    result["exit_ms"] = int((time.time() - t0) * 1000)
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    result["returncode"] = "timeout"
result["stderr"] = (p.stderr.read() if o.unread_stderr else open("stderr.txt", "rb").read()).decode("latin-1")[-2000:]
print(json.dumps(result))
