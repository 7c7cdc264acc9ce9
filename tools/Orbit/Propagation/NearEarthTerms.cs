using static GroundStation.Orbit.Propagation.Wgs72;

namespace GroundStation.Orbit.Propagation;

/// <summary>
/// SGP4's secular gravity (J2, J4) and atmospheric drag (B*, power-law density above 78/120 km) coefficients,
/// computed once at the epoch (SGP4 "sgp4init", near-earth part; Spacetrack Report #3 section 6 with the 2006 fixes),
/// and the secular mean elements at a time since the epoch.
/// </summary>
internal sealed class NearEarthTerms
{
    private readonly EpochElements _e;
    private readonly double _cc1, _cc4, _cc5, _d2, _d3, _d4, _t2cof, _t3cof, _t4cof, _t5cof;
    private readonly double _eta, _delmo, _sinmao, _omgcof, _xmcof, _nodecf;

    public NearEarthTerms(EpochElements e, bool deepSpace)
    {
        _e = e;
        var radius = EarthRadiusKm;
        var s = 78.0 / radius + 1.0;
        var q0MinusS4 = Math.Pow((120.0 - 78.0) / radius, 4);

        // Perigee below 156 km: the density reference height s follows the perigee (never under 20 km).
        SimplifiedDrag = e.PerigeeRadius < 220.0 / radius + 1.0 || deepSpace;
        var perigeeKm = (e.PerigeeRadius - 1.0) * radius;
        if (perigeeKm < 156.0)
        {
            var sKm = perigeeKm < 98.0 ? 20.0 : perigeeKm - 78.0;
            q0MinusS4 = Math.Pow((120.0 - sKm) / radius, 4);
            s = sKm / radius + 1.0;
        }

        var pinvsq = 1.0 / e.SemiLatusRectumSquared;
        var ao = e.SemiMajorAxis;
        var tsi = 1.0 / (ao - s);
        _eta = ao * e.Eccentricity * tsi;
        var etasq = _eta * _eta;
        var eeta = e.Eccentricity * _eta;
        var psisq = Math.Abs(1.0 - etasq);
        var coef = q0MinusS4 * Math.Pow(tsi, 4.0);
        var coef1 = coef / Math.Pow(psisq, 3.5);
        var no = e.MeanMotion;
        var cc2 = coef1 * no * (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq))
                                + 0.375 * J2 * tsi / psisq * e.Con41 * (8.0 + 3.0 * etasq * (8.0 + etasq)));
        _cc1 = e.BStar * cc2;
        var cc3 = e.Eccentricity > 1.0e-4 ? -2.0 * coef * tsi * J3OverJ2 * no * e.SinInclination / e.Eccentricity : 0.0;
        X1mth2 = 1.0 - e.CosInclinationSquared;
        _cc4 = 2.0 * no * coef1 * ao * e.OneMinusESquared
               * (_eta * (2.0 + 0.5 * etasq) + e.Eccentricity * (0.5 + 2.0 * etasq)
                  - J2 * tsi / (ao * psisq)
                  * (-3.0 * e.Con41 * (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta))
                     + 0.75 * X1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) * Math.Cos(2.0 * e.ArgumentOfPerigee)));
        _cc5 = 2.0 * coef1 * ao * e.OneMinusESquared * (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

        var cosio2 = e.CosInclinationSquared;
        var cosio4 = cosio2 * cosio2;
        var temp1 = 1.5 * J2 * pinvsq * no;
        var temp2 = 0.5 * temp1 * J2 * pinvsq;
        var temp3 = -0.46875 * J4 * pinvsq * pinvsq * no;
        MeanAnomalyRate = no + 0.5 * temp1 * e.SqrtOneMinusESquared * e.Con41
                          + 0.0625 * temp2 * e.SqrtOneMinusESquared * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
        PerigeeRate = -0.5 * temp1 * e.Con42 + 0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4)
                      + temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
        var xhdot1 = -temp1 * e.CosInclination;
        NodeRate = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) + 2.0 * temp3 * (3.0 - 7.0 * cosio2)) * e.CosInclination;
        _omgcof = e.BStar * cc3 * Math.Cos(e.ArgumentOfPerigee);
        _xmcof = e.Eccentricity > 1.0e-4 ? -TwoThirds * coef * e.BStar / eeta : 0.0;
        _nodecf = 3.5 * e.OneMinusESquared * xhdot1 * _cc1;
        _t2cof = 1.5 * _cc1;
        var delmo = 1.0 + _eta * Math.Cos(e.MeanAnomaly);
        _delmo = delmo * delmo * delmo;
        _sinmao = Math.Sin(e.MeanAnomaly);

        if (!SimplifiedDrag)
        {
            var cc1sq = _cc1 * _cc1;
            _d2 = 4.0 * ao * tsi * cc1sq;
            var temp = _d2 * tsi * _cc1 / 3.0;
            _d3 = (17.0 * ao + s) * temp;
            _d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * s) * _cc1;
            _t3cof = _d2 + 2.0 * cc1sq;
            _t4cof = 0.25 * (3.0 * _d3 + _cc1 * (12.0 * _d2 + 10.0 * cc1sq));
            _t5cof = 0.2 * (3.0 * _d4 + 12.0 * _cc1 * _d3 + 6.0 * _d2 * _d2 + 15.0 * cc1sq * (2.0 * _d2 + cc1sq));
        }
    }

    /// <summary>Perigee under 220 km or deep space: the drag terms beyond t^2 are dropped ("isimp").</summary>
    public bool SimplifiedDrag { get; }

    public double MeanAnomalyRate { get; }
    public double PerigeeRate { get; }
    public double NodeRate { get; }

    /// <summary>1 - cos^2 i at the epoch.</summary>
    public double X1mth2 { get; }

    /// <summary>
    /// Secular gravity and drag at <paramref name="t"/> minutes: the mean elements (eccentricity and inclination
    /// still at their epoch values, the mean motion Brouwer's) and the drag factors on a, e and L.
    /// </summary>
    public MeanElements At(double t, out double tempa, out double tempe, out double templ)
    {
        var xmdf = _e.MeanAnomaly + MeanAnomalyRate * t;
        var argpdf = _e.ArgumentOfPerigee + PerigeeRate * t;
        var nodedf = _e.Node + NodeRate * t;
        var t2 = t * t;
        var mean = new MeanElements
        {
            Eccentricity = _e.Eccentricity,
            Inclination = _e.Inclination,
            Node = nodedf + _nodecf * t2,
            ArgumentOfPerigee = argpdf,
            MeanAnomaly = xmdf,
            MeanMotion = _e.MeanMotion,
        };
        tempa = 1.0 - _cc1 * t;
        tempe = _e.BStar * _cc4 * t;
        templ = _t2cof * t2;
        if (!SimplifiedDrag)
        {
            var delomg = _omgcof * t;
            var delm1 = 1.0 + _eta * Math.Cos(xmdf);
            var delm = _xmcof * (delm1 * delm1 * delm1 - _delmo);
            var temp = delomg + delm;
            mean.MeanAnomaly = xmdf + temp;
            mean.ArgumentOfPerigee = argpdf - temp;
            var t3 = t2 * t;
            var t4 = t3 * t;
            tempa = tempa - _d2 * t2 - _d3 * t3 - _d4 * t4;
            tempe += _e.BStar * _cc5 * (Math.Sin(mean.MeanAnomaly) - _sinmao);
            templ = templ + _t3cof * t3 + t4 * (_t4cof + t * _t5cof);
        }

        return mean;
    }
}
