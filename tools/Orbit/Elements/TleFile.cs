namespace GroundStation.Orbit.Elements;

/// <summary>
/// Reads element sets from text as CelesTrak and Space-Track publish them: two-line sets, optionally each preceded by
/// a name line (three-line format, "0 " prefix allowed). Blank lines and lines starting with '#' are skipped.
/// </summary>
public static class TleFile
{
    public static IReadOnlyList<TwoLineElements> Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Every element set in <paramref name="text"/>; a bad one throws <see cref="TleFormatException"/>
    /// with its line number in the text.</summary>
    public static IReadOnlyList<TwoLineElements> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sets = new List<TwoLineElements>();
        string? name = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("1 ", StringComparison.Ordinal))
            {
                if (i + 1 >= lines.Length)
                {
                    throw new TleFormatException(i + 2, 0, "line 2 of the element set is missing (end of file)");
                }

                sets.Add(TwoLineElements.Parse(line, lines[i + 1], name, firstLineNumber: i + 1));
                name = null;
                i++;
                continue;
            }

            if (line.StartsWith("2 ", StringComparison.Ordinal))
            {
                throw new TleFormatException(i + 1, 1, "line 2 of an element set without its line 1");
            }

            if (name is not null)
            {
                throw new TleFormatException(i + 1, 1, $"expected line 1 of the element set named '{name}', found another name line");
            }

            name = line.StartsWith("0 ", StringComparison.Ordinal) ? line[2..] : line;
        }

        if (name is not null)
        {
            throw new TleFormatException(lines.Length, 0, $"the element set named '{name}' has no lines");
        }

        return sets;
    }
}
