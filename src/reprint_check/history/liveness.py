"""Is the process that started a run still alive? Used to spot runs killed mid-way.

A pid alone can be reused by an unrelated process, so where the OS exposes a process start
time (Linux `/proc/PID/stat`) it is stored with the pid and compared.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_host() -> str:
    return socket.gethostname()


def process_start_token(pid: int) -> str | None:
    """The process's start time in clock ticks since boot, or None where unavailable."""
    fields = _proc_stat(pid)
    return fields[19] if fields and len(fields) > 19 else None  # field 22 overall: starttime


def is_alive(pid: int, host: str, start_token: str | None) -> bool:
    """False only when we can tell the recording process is gone; unknown counts as alive."""
    if host != this_host():
        return True  # another machine's process: nothing here can tell
    if os.name != "posix":
        return True  # os.kill(pid, 0) is not a probe on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    fields = _proc_stat(pid)
    if fields is None:
        return True  # no /proc: the pid exists, which is all we can know
    if fields[0] == "Z":
        return False  # exited, not yet reaped by its parent
    return start_token is None or fields[19] == start_token


def _proc_stat(pid: int) -> list[str] | None:
    """`/proc/PID/stat` fields from field 3 (state) on, or None where unavailable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # Field 2 (comm) may contain spaces and parentheses; fields after its last ")" are plain.
    fields = stat.rpartition(")")[2].split()
    return fields if len(fields) > 19 else None
