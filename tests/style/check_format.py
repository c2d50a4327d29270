#!/usr/bin/env python3
"""Every C file of the tree is formatted as .clang-format says (suite
'style', test format).  Prints each file clang-format would change, with
its first differing lines, then `format: P passed, F failed`.
"""
import argparse
import difflib
import pathlib
import subprocess
import sys

# The folders of our C code; build trees (generated sources, e.g.
# bench/build) and ../shared are not ours.
FOLDERS = ["frontend", "codegen", "runtime", "note", "wasi-libc-shim",
           "embed", "driver", "include", "tests", "bench", "examples"]


def c_files(root):
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            generated = any(part.startswith("build")
                            for part in path.relative_to(root).parts)
            if path.suffix in (".c", ".h") and path.is_file() and \
                    not generated:
                yield path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-format", required=True)
    ap.add_argument("--root", type=pathlib.Path, required=True)
    args = ap.parse_args()
    passed = failed = 0
    for path in c_files(args.root):
        text = path.read_text(encoding="utf-8")
        p = subprocess.run([args.clang_format, f"--assume-filename={path}",
                            f"--style=file:{args.root / '.clang-format'}"],
                           input=text, capture_output=True, text=True)
        if p.returncode == 0 and p.stdout == text:
            passed += 1
            continue
        failed += 1
        rel = path.relative_to(args.root)
        print(f"FAIL {rel}: not as clang-format writes it "
              f"(clang-format -i {rel}){p.stderr.strip()}")
        diff = difflib.unified_diff(text.splitlines(), p.stdout.splitlines(),
                                    str(rel), "formatted", lineterm="", n=0)
        print("\n".join(line[:160] for line in list(diff)[:12]))
    print(f"format: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
