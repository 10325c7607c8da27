"""The quick start of clients/python/README.md, run as it stands against the suite."""

import os
import subprocess
import sys
import unittest

from e2e_support import api

README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")


def quick_start() -> str:
    with open(README, encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = lines.index("python3 - <<'PY'") + 1
    end = lines.index("PY", start)
    return "\n".join(lines[start:end]) + "\n"


class ReadmeTest(unittest.TestCase):
    def test_the_quick_start_delivers_its_webhook(self):
        api()  # skips without a suite
        done = subprocess.run([sys.executable, "-"], input=quick_start(), capture_output=True, text=True,
                              timeout=180, env=dict(os.environ))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("webhook received: [{'run': 'r1', 'loss': 0.", done.stdout, done.stdout + done.stderr)
        self.assertIn("execution: ", done.stdout)


if __name__ == "__main__":
    unittest.main()
