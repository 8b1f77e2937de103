"""scripts/attack.py reruns the whole attack of issue 15; in its quick mode every attack must
end with a clear message (no traceback, no internal error, no hang, peak RSS under 500 MB)
and leave a healthy notebook (or, for the damaged database, say that it is damaged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "attack.py"


@pytest.mark.slow
def test_the_quick_attack_ends_every_attack_with_a_message_and_a_healthy_notebook():
    r = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--json"],
                       capture_output=True, text=True, timeout=900)
    found = json.loads(r.stdout)
    assert len(found["attacks"]) >= 15
    failed = {a["name"]: a["problems"] + [a["message"]] for a in found["attacks"]
              if not a["ok"]}
    assert failed == {}
    assert r.returncode == 0
