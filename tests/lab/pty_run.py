#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# pty_run.py PROMPT ANSWER CMD...: runs CMD with a new pseudo-terminal as its
# controlling terminal (and stdin/stdout/stderr), types ANSWER and Enter once
# PROMPT has appeared, and copies everything CMD wrote to the terminal to
# stdout. Exits with CMD's status; 124 when PROMPT never came or CMD ran
# longer than 60 s. For the TTY password prompt of `pacprobe check`; an empty
# PROMPT types nothing (a command that only writes to a terminal).
import os
import pty
import select
import sys
import time

prompt, answer, cmd = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen, typed, deadline = bytearray(), not prompt, time.monotonic() + 60
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    if not typed and prompt in seen[-4096 - len(prompt):]:
        os.write(fd, answer + b"\n")
        typed = True
sys.stdout.buffer.write(seen)
if time.monotonic() >= deadline:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
sys.exit(124 if not typed else os.waitstatus_to_exitcode(status))
