#!/usr/bin/env python3
"""The target table (runtime/targets.def) for meson and the tests.

  targets.py DEF list              one line per target:
                                   TRIPLE QEMU BITS DEFAULT_BOUNDS CC
                                   CPU_FAMILY
  targets.py DEF cross-file TRIPLE the meson cross file that builds the
                                   runtime, the WASI shim and the
                                   embedding library for TRIPLE, their
                                   tests run under qemu-user
As a module: rows(path) gives each row as a dict of its columns.
"""
import re
import sys

COLUMNS = ["id", "triple", "llvm_triple", "cpu", "features", "abi",
           "tune_cpu", "bits", "bounds", "cc", "cc_package", "qemu",
           "cpu_family", "elf_machine", "quirks", "relaxed"]
TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,()"]+)\s*(,|\))')


def _strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def rows(path):
    """Every W2N_TARGET row of the file at `path`, in order."""
    text = _strip_comments(open(path, encoding="utf-8").read())
    out = []
    for start in re.finditer(r"W2N_TARGET\(", text):
        pos, args = start.end(), []
        while True:
            m = TOKEN.match(text, pos)
            if not m:
                sys.exit(f"{path}: malformed row at offset {pos}")
            value = " ".join(m.group(1).split())
            args.append(value[1:-1] if value.startswith('"') else value)
            pos = m.end()
            if m.group(2) == ")":
                break
        if len(args) != len(COLUMNS):
            sys.exit(f"{path}: row {args[0]} has {len(args)} columns, "
                     f"not {len(COLUMNS)}")
        row = dict(zip(COLUMNS, args))
        row["bits"] = int(row["bits"])
        row["bounds"] = row["bounds"].removeprefix("W2N_RT_BOUNDS_").lower()
        out.append(row)
    return out


def strategies(row):
    """The bounds strategies a target supports (guard pages need 64 bits)."""
    return ["guard", "explicit"] if row["bits"] == 64 else ["explicit"]


def cross_file(row):
    """A meson cross file for `row` (a runtime-only build)."""
    tools = row["cc"].removesuffix("gcc")
    triple, qemu = row["triple"], row["qemu"]
    return f"""# meson cross file for {triple}, made by scripts/targets.py from
# runtime/targets.def.
[binaries]
c = '{row["cc"]}'
ar = '{tools}ar'
strip = '{tools}strip'
exe_wrapper = ['{qemu}', '-L', '/usr/{triple}']

[host_machine]
system = 'linux'
cpu_family = '{row["cpu_family"]}'
cpu = '{row["cpu_family"]}'
endian = 'little'

[project options]
runtime_only = true
target = '{triple}'
"""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    table = rows(sys.argv[1])
    if sys.argv[2] == "list" and len(sys.argv) == 3:
        for r in table:
            print(r["triple"], r["qemu"], r["bits"], r["bounds"], r["cc"],
                  r["cpu_family"])
    elif sys.argv[2] == "cross-file" and len(sys.argv) == 4:
        found = [r for r in table if r["triple"] == sys.argv[3]]
        if not found:
            sys.exit(f"unknown target {sys.argv[3]}")
        sys.stdout.write(cross_file(found[0]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
