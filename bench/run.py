"""`make bench`: every benchmark, printed as tables of medians and ratios to a same-process baseline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

import build_bench  # noqa: E402
import query_bench  # noqa: E402
import web_bench  # noqa: E402

SUITES = {"build": build_bench.run, "queries": query_bench.run, "web": web_bench.run}


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
        for item in _as_tables(name, SUITES[name](repeat=arguments.repeat), arguments.repeat):
            console.print(item)


def _as_tables(name: str, result: list, repeat: int) -> list:
    """Suites return rich tables, or ``(label, seconds, ratio to baseline)`` rows made into one."""
    if not result or not isinstance(result[0], tuple):
        return result
    table = Table("measure", "median", "ratio to baseline", title=f"bench: {name} (median of {repeat})")
    for label, seconds, ratio in result:
        table.add_row(label, f"{seconds * 1000:.1f} ms", f"{ratio:.2f}x")
    return [table]


if __name__ == "__main__":
    main()
