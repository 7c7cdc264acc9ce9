namespace GroundStation.Protocol.Console
{
    /// <summary>
    /// What a handler sees of one command line: its parameters, typed accessors that validate them (a failure
    /// records the SCPI error and returns false: the handler just returns), and the reply.
    /// </summary>
    public sealed class CommandContext
    {
        public const int MaxParameters = 8;

        private readonly string[] _parameters = new string[MaxParameters];

        /// <summary>The command's header as typed (for messages).</summary>
        public string Header { get; private set; }

        public bool IsQuery { get; private set; }

        public int ParameterCount { get; private set; }

        /// <summary>The reply text (null: the command answers nothing, as SCPI settings do).</summary>
        public string ReplyText { get; private set; }

        /// <summary>0, or the SCPI error code of the failure.</summary>
        public int ErrorCode { get; private set; }

        public string ErrorDetail { get; private set; }

        /// <summary>True when this line came from the binary link (gsctl) rather than the typed console.</summary>
        public bool FromLink { get; private set; }

        public string Parameter(int index)
        {
            return _parameters[index];
        }

        public void Reply(string text)
        {
            ReplyText = text;
        }

        public void Fail(int code, string detail)
        {
            if (ErrorCode == 0)
            {
                ErrorCode = code;
                ErrorDetail = detail;
            }
        }

        /// <summary>An integer in [min, max]: -104 when not an integer, -222 when outside.</summary>
        public bool TryGetInt(int index, int min, int max, out int value)
        {
            value = 0;
            long scaled;
            if (!TryParseFixed(Parameter(index), 0, out scaled))
            {
                Fail(ScpiError.DataTypeError, "parameter " + (index + 1) + " '" + Parameter(index) + "' is not an integer");
                return false;
            }

            if (scaled < min || scaled > max)
            {
                Fail(ScpiError.DataOutOfRange, "parameter " + (index + 1) + " = " + Parameter(index) + ", allowed " + min + ".." + max);
                return false;
            }

            value = (int)scaled;
            return true;
        }

        /// <summary>
        /// A decimal number as a fixed-point integer with <paramref name="decimals"/> decimals ("1.25", 3 gives
        /// 1250), in [min, max] (same scale). The device has no double precision, hence no floating point here.
        /// </summary>
        public bool TryGetFixed(int index, int decimals, long min, long max, out long scaled)
        {
            if (!TryParseFixed(Parameter(index), decimals, out scaled))
            {
                Fail(ScpiError.DataTypeError, "parameter " + (index + 1) + " '" + Parameter(index) + "' is not a number");
                return false;
            }

            if (scaled < min || scaled > max)
            {
                Fail(ScpiError.DataOutOfRange, "parameter " + (index + 1) + " = " + Parameter(index) + " is out of range");
                return false;
            }

            return true;
        }

        /// <summary>ON/OFF/1/0 (any case): -104 otherwise.</summary>
        public bool TryGetBool(int index, out bool value)
        {
            string text = Parameter(index).ToUpper();
            value = text == "ON" || text == "1";
            if (value || text == "OFF" || text == "0")
            {
                return true;
            }

            Fail(ScpiError.DataTypeError, "parameter " + (index + 1) + " '" + Parameter(index) + "' must be ON or OFF");
            return false;
        }

        /// <summary>One of <paramref name="choices"/> (any case): its index; -224 otherwise.</summary>
        public bool TryGetChoice(int index, string[] choices, out int choice)
        {
            string text = Parameter(index).ToUpper();
            for (int i = 0; i < choices.Length; i++)
            {
                if (choices[i].ToUpper() == text)
                {
                    choice = i;
                    return true;
                }
            }

            string allowed = "";
            for (int i = 0; i < choices.Length; i++)
            {
                allowed = i == 0 ? choices[i] : allowed + "|" + choices[i];
            }

            choice = -1;
            Fail(ScpiError.IllegalParameterValue, "parameter " + (index + 1) + " '" + Parameter(index) + "', allowed " + allowed);
            return false;
        }

        /// <summary>Parses [+|-]digits[.digits] into value x 10^decimals; extra decimals must be zeros. No allocation.</summary>
        public static bool TryParseFixed(string text, int decimals, out long scaled)
        {
            scaled = 0;
            if (text == null || text.Length == 0 || text.Length > 24)
            {
                return false;
            }

            int at = 0;
            bool negative = false;
            if (text[0] == '+' || text[0] == '-')
            {
                negative = text[0] == '-';
                at = 1;
            }

            long value = 0;
            int digits = 0;
            int fraction = -1;
            for (; at < text.Length; at++)
            {
                char c = text[at];
                if (c == '.' && fraction < 0)
                {
                    fraction = 0;
                    continue;
                }

                if (c < '0' || c > '9')
                {
                    return false;
                }

                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                    if (fraction > decimals)
                    {
                        if (c != '0')
                        {
                            return false;
                        }

                        continue;
                    }
                }

                if (value > 100000000000000000L)
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            if (digits == 0)
            {
                return false;
            }

            for (int i = fraction < 0 ? 0 : fraction; i < decimals; i++)
            {
                if (value > 100000000000000000L)
                {
                    return false;
                }

                value *= 10;
            }

            scaled = negative ? -value : value;
            return true;
        }

        internal void Begin(string header, bool isQuery, bool fromLink)
        {
            Header = header;
            IsQuery = isQuery;
            FromLink = fromLink;
            ParameterCount = 0;
            ReplyText = null;
            ErrorCode = 0;
            ErrorDetail = null;
        }

        internal bool AddParameter(string text)
        {
            if (ParameterCount == MaxParameters)
            {
                return false;
            }

            _parameters[ParameterCount++] = text;
            return true;
        }
    }
}
