"""Heap and resident memory of a running JVM, read with jcmd and /proc."""

import os
import re
import shutil
import subprocess


def jcmd():
    """The jcmd beside the java on PATH (the same JDK as the JVM measured), else any on PATH."""
    java = os.path.realpath(shutil.which("java") or "java")
    beside = os.path.join(os.path.dirname(java), "jcmd")
    return beside if os.path.exists(beside) else (shutil.which("jcmd") or "jcmd")


def heap_info(pid):
    """{committed_mb, used_mb} from `jcmd PID GC.heap_info` (G1, serial and ZGC wordings)."""
    r = subprocess.run([jcmd(), str(pid), "GC.heap_info"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=60)
    text = r.stdout.decode("utf-8", "replace")
    m = re.search(r"heap\s+total (\d+)K, used (\d+)K", text)
    if m:
        return {"committed_mb": int(m.group(1)) / 1024.0, "used_mb": int(m.group(2)) / 1024.0}
    m = re.search(r"used (\d+)M, capacity (\d+)M", text)
    if m:
        return {"committed_mb": float(m.group(2)), "used_mb": float(m.group(1))}
    return {"committed_mb": None, "used_mb": None, "raw": text[-400:]}


def live_heap(pid):
    """Heap in use after a full collection (`jcmd PID GC.run`): what the JVM must hold."""
    subprocess.run([jcmd(), str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return heap_info(pid)


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None
