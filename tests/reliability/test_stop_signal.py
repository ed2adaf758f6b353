"""`python -m bot run` stops on SIGINT (docker's STOPSIGNAL) even when whatever launched it left SIGINT ignored:
a script's `bot run &` or nohup hands the process an ignored SIGINT, which Python keeps, and the bot ran on until
killed (found when CI was started from a background job: the smoke test's stop and the shard-lease test failed).
scripts/smoke_run.py starts the bot against the loopback Discord, asks it two commands and sends SIGINT; here it
runs with SIGINT ignored, which its bot process inherits."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bot_run_stops_on_sigint_when_launched_with_it_ignored():
    proc = subprocess.run([sys.executable, "scripts/smoke_run.py"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "did not stop" not in out and "clean exit" in out, out[-3000:]
