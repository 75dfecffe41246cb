#!/usr/bin/env python3
"""Peers for the accuracy suite (`staffcast-bench suite`), on exactly its cases.

    .build/release/staffcast-bench suite-export /tmp/suite       # data sets + cases.csv
    python3 Benchmarks/peers/run_peers.py /tmp/suite [--limit N]  # → Benchmarks/peers/results.csv

Needs `pip install statsforecast prophet pandas` (for the benchmark only; never a dependency of
Staffcast). Methods, each fitted on the history before the case's origin:
- `mstl_ets`: statsforecast MSTL(season_length=[slots/day, slots/week]) with AutoETS on the
  trend, on the last 12 weeks of a local-clock grid (DST days made 24-hour: the skipped hour
  repeats the hour before, the repeated hour is averaged), so the seasons stay on the clock;
- `prophet`: Prophet on log(1 + y) (counts with closed nights), with daily, weekly and (history
  of a year or more) yearly seasonality and the same calendar the suite gives Staffcast: the
  country's public holidays and retail days (`staffcast calendar --csv`) and the events file's
  promotions as holidays; on the last two years (1-week cases: the last 16 weeks);
- `wavg6` is Staffcast's own six-week average and is not repeated here.
Forecasts are clipped at 0 and scored like the suite: Σ|f − truth| and Σ truth over the scored
intervals (the web shop's true intensity; the bank's calls). Rows are appended per case, so an
interrupted run resumes where it stopped.
"""
import csv, os, subprocess, sys, time, logging
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Benchmarks", "peers", "results.csv")
STAFFCAST = os.path.join(ROOT, ".build", "release", "staffcast")
logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
logging.getLogger("prophet").setLevel(logging.WARNING)


def load_bank():
    df = pd.read_csv(os.path.join(ROOT, "datasets", "bank_calls.csv"))
    t = pd.to_datetime(df["timestamp"].str.replace("Z", ""), format="%Y-%m-%dT%H:%M:%S")
    s = pd.Series(df["calls"].values, index=t)
    s = s[(s.index.hour < 21)]
    s = s.resample("30min").sum(min_count=1)
    epoch = (s.index - pd.Timestamp("1970-01-01")) // pd.Timedelta("1s")
    return {"calls": (np.asarray(epoch, dtype=np.int64), s.values.astype(float), s.values.astype(float), 1800)}


def load_shop(directory):
    hist = pd.read_csv(os.path.join(directory, "history.csv"))
    truth = pd.read_csv(os.path.join(directory, "truth.csv"))
    out = {}
    for ch, g in truth.groupby("channel", sort=False):
        ts = pd.to_datetime(g["timestamp"], utc=True)
        epoch = np.asarray((ts - pd.Timestamp("1970-01-01", tz="UTC")) // pd.Timedelta("1s"), dtype=np.int64)
        h = hist[hist["channel"] == ch]
        he = np.asarray((pd.to_datetime(h["timestamp"], utc=True) - pd.Timestamp("1970-01-01", tz="UTC")) // pd.Timedelta("1s"),
                        dtype=np.int64)
        counts = pd.Series(h["contacts"].values.astype(float), index=he).reindex(epoch).values
        out[ch] = (epoch, counts, g["intensity"].values.astype(float), 900)
    return out


def calendar_holidays(country, years, events_csv=None):
    rows = []
    text = subprocess.run([STAFFCAST, "calendar", "--holidays", country, "--years", f"{years[0]}-{years[1]}", "--csv"],
                          capture_output=True, text=True, check=True).stdout
    for r in csv.DictReader(text.splitlines()):
        rows.append({"holiday": r["name"], "ds": pd.Timestamp(r["date"]), "lower_window": 0, "upper_window": 0})
    if events_csv and os.path.exists(events_csv):
        for r in csv.DictReader(open(events_csv)):
            for d in pd.date_range(r["start"], r["end"], freq="D"):
                rows.append({"holiday": "promotion", "ds": d, "lower_window": 0, "upper_window": 0})
    return pd.DataFrame(rows)


def local_index(epoch, tz):
    idx = pd.to_datetime(epoch, unit="s", utc=True)
    return idx.tz_convert(tz).tz_localize(None) if tz else idx.tz_localize(None)


def local_grid(epoch, values, tz, step):
    """Values on a regular local-clock grid (naive local timestamps), DST days made 24-hour."""
    idx = local_index(epoch, tz)
    s = pd.Series(values, index=idx).groupby(level=0).mean()
    grid = pd.date_range(s.index[0], s.index[-1], freq=f"{step}s")
    return s.reindex(grid).ffill(limit=86400 // step // 12 + 1)


def fit_mstl(y, step, horizon):
    from statsforecast import StatsForecast
    from statsforecast.models import MSTL, AutoETS
    per_day = 86400 // step
    n = min(len(y), 12 * 7 * per_day)
    y = np.nan_to_num(np.asarray(y[-n:], dtype=float), nan=0.0)
    model = MSTL(season_length=[per_day, 7 * per_day], trend_forecaster=AutoETS(model="ZZN"))
    df = pd.DataFrame({"unique_id": "s", "ds": np.arange(n), "y": y})
    fc = StatsForecast(models=[model], freq=1).forecast(df=df, h=horizon)
    return fc["MSTL"].values


def fit_prophet(ds_hist, y, ds_future, holidays, yearly):
    from prophet import Prophet
    m = Prophet(daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=yearly, holidays=holidays)
    mask = ~np.isnan(y)
    m.fit(pd.DataFrame({"ds": ds_hist[mask], "y": np.log1p(y[mask])}))
    return np.expm1(m.predict(pd.DataFrame({"ds": ds_future}))["yhat"].values)


def main():
    export = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    cases = list(csv.DictReader(open(os.path.join(export, "cases.csv"))))
    # The bank first, then the weekly cases before the (slow) two-month ones, each seed's cases
    # spread over the run, so an interrupted run still has every group.
    order = {"11": 0, "21": 1, "12": 2, "22": 3, "13": 4, "23": 5}
    rank = {}
    for c in cases:
        k = (c["seed"], c["horizon"])
        rank[id(c)] = rank.setdefault(k, 0); rank[k] = rank[k] + 1
    cases.sort(key=lambda c: (c["seed"] != "", c["horizon"] != "1 week", rank[id(c)], order.get(c["seed"], 9)))
    done = set()
    if os.path.exists(OUT):
        for r in csv.DictReader(open(OUT)):
            done.add((r["dataset"], r["horizon"], r["seed"], r["channel"], r["origin"], r["method"]))
    new = not os.path.exists(OUT)
    out = open(OUT, "a", newline="")
    w = csv.writer(out, lineterminator="\n")
    if new:
        w.writerow(["dataset", "horizon", "group", "seed", "channel", "origin", "method", "abs_error", "truth"])
    data, holidays = {}, {}
    count = 0
    for c in cases:
        key = c["seed"] or "bank"
        if key not in data:
            if key == "bank":
                data[key] = load_bank(); holidays[key] = (calendar_holidays("US", (2003, 2003)), None)
            else:
                d = os.path.join(export, f"webshop-{key}")
                data[key] = load_shop(d)
                years = sorted({int(x[:4]) for x in (cases[0]["origin"],)} )
                hol = calendar_holidays("NL", (2019, 2027), os.path.join(d, "events.csv"))
                holidays[key] = (hol, "Europe/Amsterdam")
        epoch, counts, truth, step = data[key][c["channel"]]
        hol, tz = holidays[key]
        origin = int(c["origin_utc"]); lo = int(c["scored_from_utc"]); hi = int(c["scored_to_utc"])
        past = epoch < origin
        future = np.arange(origin, origin + int(c["horizon_seconds"]), step, dtype=np.int64)
        scored = (future >= lo) & (future < hi)
        tpos = {t: i for i, t in enumerate(epoch)}
        y_true = np.array([truth[tpos[t]] if t in tpos else np.nan for t in future[scored]])
        ok = ~np.isnan(y_true)
        for method in ("mstl_ets", "prophet"):
            ident = (c["dataset"], c["horizon"], c["seed"], c["channel"], c["origin"], method)
            if ident in done:
                continue
            t0 = time.time()
            try:
                if method == "mstl_ets":
                    hist = local_grid(epoch[past][-13 * 7 * 86400 // step:], counts[past][-13 * 7 * 86400 // step:], tz, step)
                    fut_local = local_index(future, tz)
                    grid_future = pd.date_range(hist.index[-1] + pd.Timedelta(seconds=step),
                                                fut_local.max() + pd.Timedelta(seconds=step), freq=f"{step}s")
                    g = pd.Series(fit_mstl(hist.values, step, len(grid_future)), index=grid_future)
                    f = g.groupby(level=0).mean().reindex(fut_local).ffill().values
                else:
                    yearly = c["horizon"] != "1 week" and past.sum() * step >= 365 * 86400
                    keep = (2 * 365 if yearly else 16 * 7) * 86400 // step
                    idx = np.where(past)[0][-keep:]
                    f = fit_prophet(local_index(epoch[idx], tz), counts[idx], local_index(future, tz), hol, yearly)
            except Exception as e:  # a peer that fails is reported, not fatal
                print("failed", ident, e, file=sys.stderr)
                continue
            f = np.clip(np.asarray(f, dtype=float), 0, None)[scored]
            w.writerow([*ident[:2], c["group"], *ident[2:], f"{np.abs(f[ok] - y_true[ok]).sum():.6f}", f"{y_true[ok].sum():.6f}"])
            out.flush()
            print(f"{ident} {time.time() - t0:.1f}s WAPE {np.abs(f[ok] - y_true[ok]).sum() / y_true[ok].sum():.4f}", flush=True)
        count += 1
        if limit and count >= limit:
            break


if __name__ == "__main__":
    main()
