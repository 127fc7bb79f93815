"""`make bench`: every benchmark, printed as tables of medians and ratios to a same-process baseline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

import build_bench  # noqa: E402

SUITES = {"build": build_bench.run}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suites", nargs="*", help=f"suites to run, of {', '.join(SUITES)} (default: all)")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    unknown = [name for name in arguments.suites if name not in SUITES]
    if unknown:
        parser.error(f"unknown suite {', '.join(unknown)}; known: {', '.join(SUITES)}")
    console = Console()
    for name in arguments.suites or SUITES:
        table = Table("measure", "median", "ratio to baseline", title=f"bench: {name} (median of {arguments.repeat})")
        for label, seconds, ratio in SUITES[name](repeat=arguments.repeat):
            table.add_row(label, f"{seconds * 1000:.0f} ms", f"{ratio:.2f}x")
        console.print(table)


if __name__ == "__main__":
    main()
