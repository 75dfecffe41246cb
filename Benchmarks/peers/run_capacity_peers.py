#!/usr/bin/env python3
"""Prophet on the cases of `staffcast-bench capacity-suite` (issue 22): 17 weeks from the first
Monday of September of each generated shop's second and third year, every channel.

    .build/release/staffcast-bench suite-export /tmp/suite-export
    python3 Benchmarks/peers/run_capacity_peers.py /tmp/suite-export   # → Benchmarks/peers/capacity_results.csv

Needs `pip install prophet pandas` (benchmark only, never a dependency of Staffcast). Prophet is
fitted on the local-day totals of the history before the origin (log(1 + y), weekly and yearly
seasonality, the Netherlands' public holidays and Black Friday / Cyber Monday as holidays), the
configuration a planner would give it for a weekly capacity question. Scored like the suite: per
week Σ|F − truth| over weeks 4–17 and weeks 1–17 against the true intensity, and the week holding
Black Friday over all channels.
"""
import csv, datetime as dt, logging, os, sys
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_peers import load_shop  # noqa: E402

logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
logging.getLogger("prophet").setLevel(logging.WARNING)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks", "peers", "capacity_results.csv")
TUNE, CHECK = [11, 12, 13], [21, 22, 23]


def black_friday(year):
    d = dt.date(year, 11, 1)
    while d.weekday() != 3:
        d += dt.timedelta(days=1)
    return d + dt.timedelta(days=22)


def local_days(epoch):
    ts = pd.to_datetime(epoch, unit="s", utc=True).tz_convert("Europe/Amsterdam")
    return ts.date


def main(directory):
    from prophet import Prophet
    rows = []
    for seed in TUNE + CHECK:
        shop = load_shop(os.path.join(directory, f"webshop-{seed}"))
        group = "tune" if seed in TUNE else "check"
        first = min(local_days(v[0][:1])[0] for v in shop.values())
        for year in (first.year + 1, first.year + 2):
            origin = dt.date(year, 9, 1)
            while origin.weekday() != 0:
                origin += dt.timedelta(days=1)
            peak_week = (black_friday(year) - origin).days // 7
            for channel, (epoch, counts, intensity, _) in shop.items():
                days = pd.Series(local_days(epoch))
                frame = pd.DataFrame({"day": days, "y": counts, "truth": intensity})
                daily = frame.groupby("day").agg(y=("y", lambda s: s.sum(min_count=1)), truth=("truth", "sum"))
                history = daily[daily.index < origin].dropna()
                if len(history) == 0 or origin + dt.timedelta(days=119) > daily.index.max():
                    continue
                years = range(first.year, year + 2)
                holidays = pd.DataFrame(
                    [{"holiday": "Black Friday", "ds": pd.Timestamp(black_friday(y))} for y in years]
                    + [{"holiday": "Cyber Monday", "ds": pd.Timestamp(black_friday(y) + dt.timedelta(days=3))}
                       for y in years])
                model = Prophet(weekly_seasonality=True, yearly_seasonality=True, daily_seasonality=False,
                                holidays=holidays)
                model.add_country_holidays(country_name="NL")
                model.fit(pd.DataFrame({"ds": pd.to_datetime(history.index), "y": np.log1p(history["y"].values)}))
                future = pd.DataFrame({"ds": pd.date_range(pd.Timestamp(origin), periods=119, freq="D")})
                forecast = np.clip(np.expm1(model.predict(future)["yhat"].values), 0, None)
                for week in range(17):
                    start = origin + dt.timedelta(days=7 * week)
                    truth = sum(daily["truth"].get(start + dt.timedelta(days=k), 0.0) for k in range(7))
                    f = float(forecast[7 * week:7 * week + 7].sum())
                    rows.append([group, seed, channel, origin.isoformat(), week + 1, int(week == peak_week), f, truth])
                print(f"seed {seed} {channel} {origin}", flush=True)
    with open(OUT, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["group", "seed", "channel", "origin", "week", "peak", "forecast", "truth"])
        w.writerows(rows)
    table = pd.DataFrame(rows, columns=["group", "seed", "channel", "origin", "week", "peak", "forecast", "truth"])
    table["abs"] = (table["forecast"] - table["truth"]).abs()
    for group in ("tune", "check"):
        g = table[table["group"] == group]
        late = g[g["week"] >= 4]
        peaks = g[g["peak"] == 1].groupby(["seed", "origin"])[["forecast", "truth"]].sum()
        errors = " ".join(f"{100 * (f - t) / t:+.1f}%" for f, t in peaks.values)
        print(f"prophet {group}: weekly WAPE 4–17 {100 * late['abs'].sum() / late['truth'].sum():.2f} %, "
              f"1–17 {100 * g['abs'].sum() / g['truth'].sum():.2f} %, peak week {errors}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/suite-export")
