"""``python -m bench [core|sweep]``: run one benchmark, or both in turn."""

from __future__ import annotations

import sys

from bench import core, sweep


def main(argv: list[str]) -> int:
    which = argv[0] if argv else "all"
    if which not in ("all", "core", "sweep"):
        print("usage: python -m bench [core|sweep] [--quick]", file=sys.stderr)
        return 2
    rest = argv[1:]
    if which in ("all", "core"):
        core.main(rest)
    if which in ("all", "sweep"):
        sweep.main(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
