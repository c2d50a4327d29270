"""tally.py - what the Python test runners count: each check passes or
prints `FAIL what: detail`, and report() prints the `NAME: P passed,
F failed` line and gives the exit status."""


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {detail}" if detail else ""),
                  flush=True)
        return ok

    def report(self, name):
        print(f"{name}: {self.passed} passed, {self.failed} failed",
              flush=True)
        return 1 if self.failed else 0
