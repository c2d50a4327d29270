"""Shared by the SIMD test scripts: which .wast scripts to run and their
conversion to wast2json command lists."""
import glob
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
TESTSUITE = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'testsuite'))


def scripts(testsuite, names):
    """The simd_*.wast scripts of the testsuite (or those in `names`, given
    without directory or extension), then this directory's own."""
    if names:
        found = []
        for n in names:
            for d in (testsuite, HERE):
                p = os.path.join(d, n + '.wast')
                if os.path.exists(p):
                    found.append(p)
                    break
            else:
                raise SystemExit('no script %s.wast' % n)
        return found
    suite = sorted(glob.glob(os.path.join(testsuite, 'simd_*.wast')))
    if not suite:
        raise SystemExit('no simd_*.wast in %s (see --testsuite)' % testsuite)
    return suite + sorted(glob.glob(os.path.join(HERE, '*.wast')))


def convert(wast, workdir):
    """Converts `wast` into workdir/NAME/NAME.json (and its modules);
    returns the JSON path."""
    name = os.path.splitext(os.path.basename(wast))[0]
    outdir = os.path.join(workdir, name)
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, name + '.json')
    subprocess.run(['wast2json', wast, '-o', out], check=True,
                   capture_output=True)
    return out
