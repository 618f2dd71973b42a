"""Child processes, each started in a process group of its own, so that stopping one also stops whatever
it started (a launcher script's JVM, nginx's workers, varnishd's child), and nothing is left running."""

import os
import signal
import subprocess


class ProcessGroups:
    """Starts commands in new sessions and remembers them until they are stopped.

    When ``pid_folder`` is given, each live process's id is also written there (one file per process), so
    that a shell wrapper can end the groups should this Python process itself be killed (bench/run's trap).
    Not thread-safe: start and stop from one thread.
    """

    def __init__(self, pid_folder=None):
        self.pid_folder = pid_folder
        self.live = []
        if pid_folder:
            os.makedirs(pid_folder, exist_ok=True)

    def start(self, cmd, **popen_args):
        """``subprocess.Popen(cmd, **popen_args)`` in a new session (its own process group)."""
        proc = subprocess.Popen(cmd, start_new_session=True, **popen_args)
        self.live.append(proc)
        if self.pid_folder:
            with open(os.path.join(self.pid_folder, str(proc.pid)), "w") as f:
                f.write(str(proc.pid))
        return proc

    def stop(self, proc, sig=signal.SIGTERM, grace=10.0):
        """Sends ``sig`` to the group, waits up to ``grace`` s for the leader, then SIGKILLs the group.
        Returns the leader's exit status."""
        if proc.poll() is None:
            _signal_group(proc, sig)
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait(10)
        return self._forget(proc)

    def wait(self, proc, timeout=None):
        """Waits for the leader to exit by itself (``subprocess.TimeoutExpired`` past ``timeout``), then
        ends anything of its group that stayed behind. Returns its exit status."""
        proc.wait(timeout)
        return self._forget(proc)

    def stop_all(self, grace=5.0):
        for proc in list(self.live):
            try:
                self.stop(proc, grace=grace)
            except Exception:  # noqa: BLE001 - best effort while shutting down
                pass

    def _forget(self, proc):
        # The leader is gone; a child it left in the group (a daemon's worker) must not outlive it.
        _signal_group(proc, signal.SIGKILL)
        if proc in self.live:
            self.live.remove(proc)
        if self.pid_folder:
            try:
                os.unlink(os.path.join(self.pid_folder, str(proc.pid)))
            except FileNotFoundError:
                pass
        return proc.returncode


def _signal_group(proc, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
