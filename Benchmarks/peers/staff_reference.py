"""Single-threaded Python reference for `staffcast staff`: read the forecast CSV, find per row the
fewest agents meeting 80/20 with an 85 % occupancy cap by Erlang C (the Erlang B recursion, as
pyworkforce does), headcount = ceil(agents / (1 - shrinkage)), and write a CSV. The comparison
in `staffcast-bench cli`; not part of the product."""
import csv, math, sys

def erlang_c_agents(contacts, interval, aht, sl, target, max_occ):
    traffic = contacts * aht / interval
    if traffic == 0:
        return 0, 1.0, 0.0
    n = int(traffic) + 1
    while True:
        # Erlang B by recursion, then C.
        b = 1.0
        for k in range(1, n + 1):
            b = traffic * b / (k + traffic * b)
        c = n * b / (n - traffic * (1 - b))
        level = 1 - c * math.exp(-(n - traffic) * target / aht)
        if level >= sl and traffic / n <= max_occ:
            return n, level, c * aht / (n - traffic)
        n += 1

def main(source, out, aht=300.0, interval=900.0):
    with open(source) as f, open(out, "w", newline="") as g:
        rows = csv.reader(f)
        next(rows)
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["timestamp", "channel", "contacts", "agents", "headcount", "service_level", "asa_seconds"])
        for ts, channel, mean, *_ in rows:
            contacts = float(mean)
            agents, level, asa = erlang_c_agents(contacts, interval, aht, 0.8, 20, 0.85)
            heads = math.ceil(agents / 0.7 - 1e-9)
            w.writerow([ts, channel, mean, agents, heads, f"{level:.6f}", f"{asa:.2f}"])

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
