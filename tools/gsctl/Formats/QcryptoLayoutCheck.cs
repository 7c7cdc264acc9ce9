namespace GroundStation.Gsctl.Formats;

/// <summary>
/// qcrypto files carry no magic, so a file read with the wrong layout still decodes. This notices the two signs
/// of a wrong layout and words a warning that names the layout the file more likely has:
/// <list type="bullet">
/// <item>Steps back in time larger than <see cref="TimeOrder.MaxSkewPicoseconds"/>. Real captures step back only
/// by detector skew; halves read in the wrong order put the fast-changing low word at the top of the time, and the
/// times jump back by seconds to days at many events.</item>
/// <item>Time bits 13-14 set in a legacy file. readevents3 leaves bits 4-14 free of time (its time starts at bit
/// 15, debug phase bits reach bit 12) and readevents7's short mode clears bits 10-14; in readevents7 -a1 -X
/// output bits 10-14 are the five finest time bits, so bits 13-14 are set in three events out of four.</item>
/// </list>
/// </summary>
internal sealed class QcryptoLayoutCheck(QcryptoVariant variant)
{
    /// <summary>How many events of the file's start are read in the other layouts to see whether one fits better.</summary>
    public const int SampleEvents = 1 << 16;

    private const ulong LegacyFreeTimeBits = 0x6000;

    private long _previous = long.MinValue;
    private long _legacyWordsWithFineBits;

    public long Events { get; private set; }

    public long LargeStepsBack { get; private set; }

    public long LargestStepBackPicoseconds { get; private set; }

    /// <summary>Takes one non-padding word of the file, in file order.</summary>
    public void ObserveWord(ulong word)
    {
        Events++;
        var time = QcryptoRawFormat.TicksToPicoseconds(word >> QcryptoRawFormat.TimeShift(variant), variant);
        if (_previous != long.MinValue && _previous - time > TimeOrder.MaxSkewPicoseconds)
        {
            LargeStepsBack++;
            LargestStepBackPicoseconds = Math.Max(LargestStepBackPicoseconds, _previous - time);
        }

        _previous = time;
        if (variant == QcryptoVariant.Legacy && (word & LegacyFreeTimeBits) != 0)
        {
            _legacyWordsWithFineBits++;
        }
    }

    /// <summary>
    /// The warning for a file read as <c>variant</c>, or null when nothing suggests another layout.
    /// <paramref name="readSample"/> reads the start of the same file in another layout (at most
    /// <see cref="SampleEvents"/> events).
    /// </summary>
    public string? Warning(string path, Func<QcryptoVariant, IEnumerable<TimeTag>> readSample)
    {
        var name = TimeTagFormats.NameOf(TimeTagFormats.FormatOf(variant));
        if (LargeStepsBack > 0)
        {
            var better = Enum.GetValues<QcryptoVariant>()
                .Where(other => other != variant && !StepsBackLargely(readSample(other).Take(SampleEvents)))
                .Select(other => TimeTagFormats.NameOf(TimeTagFormats.FormatOf(other)))
                .ToList();
            var skew = TimeOrder.Describe(TimeOrder.MaxSkewPicoseconds);
            var steps = $"{path}: {LargeStepsBack} of {Events} events step back in time by more than {skew} (largest " +
                        $"{TimeOrder.Describe(LargestStepBackPicoseconds)}); detector skew steps back by well under {skew}";
            return better.Count > 0
                ? $"{steps}: is it really {name}? Its start reads without such steps as {string.Join(" or ", better)}"
                : $"{steps}: the file may be damaged or several captures joined";
        }

        // Three in four a1x events set bit 13 or 14; below one in four is no clear sign.
        if (_legacyWordsWithFineBits * 4 > Events)
        {
            return $"{path}: {_legacyWordsWithFineBits} of {Events} events have bits 13-14 set, which {name} " +
                   $"leaves free (its 1/8 ns time starts at bit 15): it looks like readevents7 -a1 -X output; read as " +
                   $"{TimeTagFormats.NameOf(TimeTagFormat.QcryptoA1Swapped)} it keeps its 1/256 ns times and roll-over flags";
        }

        return null;
    }

    private static bool StepsBackLargely(IEnumerable<TimeTag> sample)
    {
        var previous = long.MinValue;
        foreach (var tag in sample)
        {
            if (previous != long.MinValue && previous - tag.TimePicoseconds > TimeOrder.MaxSkewPicoseconds)
            {
                return true;
            }

            previous = tag.TimePicoseconds;
        }

        return false;
    }
}
