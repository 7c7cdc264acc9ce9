namespace GroundStation.Protocol.Console
{
    /// <summary>Runs one command: read parameters from the context, then Reply(...) or Fail(...).</summary>
    public delegate void ConsoleCommandHandler(CommandContext context);

    /// <summary>
    /// One entry of the command table. <see cref="Header"/> is written SCPI style: the upper-case part of each
    /// keyword is its short form, so "DETector:GATE" accepts DET:GATE, DETECTOR:GATE, det:gate. A query is
    /// registered separately from the setting with the same header (e.g. "DET:GATE" and "DET:GATE?").
    /// </summary>
    public sealed class ConsoleCommand
    {
        public ConsoleCommand(string header, bool isQuery, int minParameters, int maxParameters, string help,
            ConsoleCommandHandler handler)
        {
            Header = header;
            IsQuery = isQuery;
            MinParameters = minParameters;
            MaxParameters = maxParameters;
            Help = help;
            Handler = handler;
            Keywords = header.TrimStart(':').Split(':');
        }

        public string Header { get; }
        public bool IsQuery { get; }
        public int MinParameters { get; }
        public int MaxParameters { get; }

        /// <summary>One line: parameters and meaning, e.g. "&lt;channel 1..4&gt;,ON|OFF  gate a detector".</summary>
        public string Help { get; }

        public ConsoleCommandHandler Handler { get; }

        internal string[] Keywords { get; }

        /// <summary>True when the typed keywords name this command (short or long form, any case).</summary>
        internal bool Matches(string[] typed, int count)
        {
            if (count != Keywords.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (!KeywordMatches(Keywords[i], typed[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool KeywordMatches(string pattern, string typed)
        {
            string upperTyped = typed.ToUpper();
            string upperPattern = pattern.ToUpper();
            if (upperTyped == upperPattern)
            {
                return true;
            }

            int shortLength = 0;
            while (shortLength < pattern.Length && !IsLower(pattern[shortLength]))
            {
                shortLength++;
            }

            return upperTyped.Length == shortLength && upperPattern.Substring(0, shortLength) == upperTyped;
        }

        private static bool IsLower(char c)
        {
            return c >= 'a' && c <= 'z';
        }
    }
}
