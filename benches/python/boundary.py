"""One call's cost from Python through the installed saifu wheel (timeit), the same
calls as the native, Kotlin and JavaScript boundary benches. Writes JSON to argv[1]."""

import json
import platform
import sys
import timeit

import saifu

CARD = "4242 4242 4242 4242"


def parse_last4():
    return saifu.parse_card(CARD).last4()


CALLS = {
    "saifu_version()": lambda: saifu.saifu_version(),
    'detect_card("")': lambda: saifu.detect_card(""),
    "detect_card(card)": lambda: saifu.detect_card(CARD),
    "parse_card(card).last4()": parse_last4,
}


def per_call(f, min_s):
    timer = timeit.Timer(f)
    number, _ = timer.autorange()
    number = max(number, int(number * min_s / 0.2))
    # best of 5 repeats, as timeit's command line reports
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def main():
    min_s = float(__import__("os").environ.get("BENCH_MS", "1000")) / 1000 / 5
    rows = [{"name": name, "ns": per_call(f, min_s)} for name, f in CALLS.items()]
    for r in rows:
        print(f"  {r['name']:28} {r['ns']:8.0f} ns per call")
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as out:
            json.dump({"python": platform.python_version(), "rows": rows}, out, indent=1)


if __name__ == "__main__":
    main()
