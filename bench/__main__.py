"""``python -m bench [core|sweep] [--quick] [--baseline DIR]``: run one benchmark,
or both in turn (flags go to both; --baseline only concerns core)."""

from __future__ import annotations

import sys

from bench import core, sweep


def main(argv: list[str]) -> int:
    which, rest = "all", argv
    if argv and not argv[0].startswith("-"):
        which, rest = argv[0], argv[1:]
    if which not in ("all", "core", "sweep"):
        print(
            "usage: python -m bench [core|sweep] [--quick] [--baseline DIR]",
            file=sys.stderr,
        )
        return 2
    if which in ("all", "core"):
        core.main(rest)
    if which in ("all", "sweep"):
        sweep.main(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
