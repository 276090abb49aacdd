"""Sweep throughput (filled in with nn_core.sweep)."""


def main(argv=None):
    pass
