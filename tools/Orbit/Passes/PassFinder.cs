using GroundStation.Orbit.Observation;

namespace GroundStation.Orbit.Passes;

/// <summary>
/// Finds the passes of a satellite over a station above an elevation mask. The elevation is sampled every
/// <see cref="SampleStep"/> (at most a 200th of the orbit); a crossing of the mask is refined by bisection, and a
/// sampled local maximum is refined by golden-section search, so a grazing pass shorter than the step is found too.
/// Rise, set and culmination are refined to <see cref="Resolution"/> (1 ms).
/// </summary>
public sealed class PassFinder
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(30);
    private static readonly double GoldenFraction = (3.0 - Math.Sqrt(5.0)) / 2.0;

    private readonly SatelliteTracker _tracker;

    public PassFinder(SatelliteTracker tracker, double minElevationDeg = 0)
    {
        if (!double.IsFinite(minElevationDeg) || minElevationDeg < -5 || minElevationDeg >= 90)
        {
            throw new ArgumentOutOfRangeException(nameof(minElevationDeg), minElevationDeg, "the elevation mask must lie in [-5, 90) deg");
        }

        _tracker = tracker;
        MinElevationDeg = minElevationDeg;
        var orbitFraction = TimeSpan.FromMinutes(tracker.Propagator.PeriodMinutes / 200.0);
        SampleStep = orbitFraction < MaxStep ? orbitFraction : MaxStep;
    }

    public double MinElevationDeg { get; }

    public TimeSpan SampleStep { get; }

    /// <summary>Passes between <paramref name="startUtc"/> and <paramref name="endUtc"/>, in time order.</summary>
    public IReadOnlyList<SatellitePass> Find(DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc)
        {
            throw new ArgumentException("the search window must end after it starts", nameof(endUtc));
        }

        var passes = new List<SatellitePass>();
        var times = new List<DateTime>();
        for (var t = startUtc; t < endUtc; t += SampleStep)
        {
            times.Add(t);
        }

        times.Add(endUtc);
        var elevations = times.Select(Elevation).ToArray();
        DateTime? rise = elevations[0] >= MinElevationDeg ? startUtc : null;
        for (var i = 1; i < times.Count; i++)
        {
            var above = elevations[i] >= MinElevationDeg;
            if (rise is null && above)
            {
                rise = Crossing(times[i - 1], times[i], rising: true);
            }
            else if (rise is { } r && !above)
            {
                passes.Add(Describe(r, Crossing(times[i - 1], times[i], rising: false), r == startUtc, setClipped: false));
                rise = null;
            }
            else if (rise is null && i + 1 < times.Count && elevations[i] > elevations[i - 1] && elevations[i] >= elevations[i + 1])
            {
                // A local maximum below the mask at the samples: the true maximum may still clear it (grazing pass).
                var peak = MaximumBetween(times[i - 1], times[i + 1]);
                if (Elevation(peak) >= MinElevationDeg)
                {
                    passes.Add(Describe(Crossing(times[i - 1], peak, rising: true), Crossing(peak, times[i + 1], rising: false),
                        riseClipped: false, setClipped: false));
                }
            }
        }

        if (rise is { } last)
        {
            passes.Add(Describe(last, endUtc, last == startUtc, setClipped: true));
        }

        return passes;
    }

    private SatellitePass Describe(DateTime rise, DateTime set, bool riseClipped, bool setClipped)
    {
        var culmination = MaximumBetween(rise, set);
        var top = _tracker.Observe(culmination);
        return new SatellitePass(rise, culmination, set, top.ElevationDeg, _tracker.Observe(rise).AzimuthDeg,
            top.AzimuthDeg, _tracker.Observe(set).AzimuthDeg, riseClipped, setClipped);
    }

    private double Elevation(DateTime utc) => _tracker.Observe(utc).ElevationDeg;

    /// <summary>Bisection for the mask crossing between a time below and a time above (or the reverse).</summary>
    private DateTime Crossing(DateTime a, DateTime b, bool rising)
    {
        var below = rising ? a : b;
        var above = rising ? b : a;
        while ((above - below).Duration() > Resolution)
        {
            var mid = below + (above - below) / 2;
            if (Elevation(mid) >= MinElevationDeg)
            {
                above = mid;
            }
            else
            {
                below = mid;
            }
        }

        return above;
    }

    /// <summary>Golden-section search for the elevation maximum in [a, b] (one maximum: a pass, or a sampled peak).</summary>
    private DateTime MaximumBetween(DateTime a, DateTime b)
    {
        var lo = a;
        var hi = b;
        var x1 = lo + (hi - lo) * GoldenFraction;
        var x2 = hi - (hi - lo) * GoldenFraction;
        var e1 = Elevation(x1);
        var e2 = Elevation(x2);
        while (hi - lo > Resolution)
        {
            if (e1 < e2)
            {
                lo = x1;
                x1 = x2;
                e1 = e2;
                x2 = hi - (hi - lo) * GoldenFraction;
                e2 = Elevation(x2);
            }
            else
            {
                hi = x2;
                x2 = x1;
                e2 = e1;
                x1 = lo + (hi - lo) * GoldenFraction;
                e1 = Elevation(x1);
            }
        }

        var mid = lo + (hi - lo) / 2;
        return Elevation(a) > Elevation(mid) ? a : Elevation(b) > Elevation(mid) ? b : mid;
    }
}
