using System.Collections;

namespace GroundStation.Protocol.Console
{
    /// <summary>
    /// The one command table behind both the typed console and the binary Command message (0x10), so every
    /// console command is reachable from gsctl and vice versa. Parses one SCPI line
    ///   [:]KEYword[:KEYword...][?] [param[,param...]]
    /// (parameters: numbers, ON/OFF, words, "quoted strings"), finds the command, checks the parameter count, runs
    /// the handler. Built in: *IDN?, *CLS, SYST:ERR?, SYST:ERR:COUN?, HELP. The firmware registers the rest.
    /// </summary>
    public sealed class CommandTable
    {
        /// <summary>
        /// Longest accepted line (characters), console and binary alike. 256 so that CONF:IMP with the 105-byte
        /// configuration record as hex (9 + 210 characters) fits.
        /// </summary>
        public const int MaxLineLength = 256;

        private const int MaxKeywords = 6;

        private readonly ArrayList _commands = new ArrayList();
        private readonly ErrorQueue _errors = new ErrorQueue();
        private readonly CommandContext _context = new CommandContext();
        private readonly string[] _keywords = new string[MaxKeywords];
        private readonly DeviceIdentity _identity;

        public CommandTable(DeviceIdentity identity)
        {
            _identity = identity;
            Register("*IDN", true, 0, 0, "identity: manufacturer,model,serial,firmware", Identify);
            Register("*CLS", false, 0, 0, "clear the error queue", ClearStatus);
            Register("SYSTem:ERRor", true, 0, 0, "oldest error from the queue (0,\"No error\" when empty)", NextError);
            Register("SYSTem:ERRor:COUNt", true, 0, 0, "number of queued errors", ErrorCount);
            Register("HELP", false, 0, 0, "list every command", Help);
            Register("HELP", true, 0, 0, "list every command", Help);
        }

        public ErrorQueue Errors
        {
            get { return _errors; }
        }

        public int Count
        {
            get { return _commands.Count; }
        }

        public ConsoleCommand this[int index]
        {
            get { return (ConsoleCommand)_commands[index]; }
        }

        /// <summary>Adds a command. A header registered twice with the same query form: the later one wins.</summary>
        public void Register(string header, bool isQuery, int minParameters, int maxParameters, string help,
            ConsoleCommandHandler handler)
        {
            ConsoleCommand command = new ConsoleCommand(header, isQuery, minParameters, maxParameters, help, handler);
            for (int i = 0; i < _commands.Count; i++)
            {
                ConsoleCommand old = (ConsoleCommand)_commands[i];
                if (old.IsQuery == isQuery && SameIgnoringCase(old.Header, header))
                {
                    _commands[i] = command;
                    return;
                }
            }

            _commands.Add(command);
        }

        /// <summary>
        /// Runs one line. Returns the context: ReplyText (may be null) and ErrorCode/ErrorDetail. Errors of typed
        /// lines also go to the error queue (SYST:ERR?); errors of link commands are returned in the reply only.
        /// Empty lines return ErrorCode 0 and no reply. Never throws: a handler's exception becomes -200.
        /// </summary>
        public CommandContext Execute(string line, bool fromLink)
        {
            CommandContext context = _context;
            context.Begin("", false, fromLink);
            Run(line, context);
            if (context.ErrorCode != 0 && !fromLink)
            {
                _errors.Push(context.ErrorCode, context.ErrorDetail);
            }

            return context;
        }

        private void Run(string line, CommandContext context)
        {
            if (line == null)
            {
                return;
            }

            if (line.Length > MaxLineLength)
            {
                context.Fail(ScpiError.InputBufferOverrun, "line longer than " + MaxLineLength + " characters");
                return;
            }

            string text = line.Trim();
            if (text.Length == 0)
            {
                return;
            }

            int space = 0;
            while (space < text.Length && text[space] != ' ' && text[space] != '\t')
            {
                space++;
            }

            string header = text.Substring(0, space);
            bool isQuery = header.Length > 0 && header[header.Length - 1] == '?';
            string bare = isQuery ? header.Substring(0, header.Length - 1) : header;
            context.Begin(header, isQuery, context.FromLink);
            int keywordCount;
            if (!SplitHeader(bare, out keywordCount))
            {
                context.Fail(ScpiError.SyntaxError, "'" + header + "' is not a command header");
                return;
            }

            ConsoleCommand command = Find(keywordCount, isQuery);
            if (command == null)
            {
                bool otherForm = Find(keywordCount, !isQuery) != null;
                context.Fail(ScpiError.UndefinedHeader, otherForm
                    ? "'" + header + "' exists only " + (isQuery ? "as a setting (no '?')" : "as a query (with '?')")
                    : "unknown command '" + header + "' (HELP lists the commands)");
                return;
            }

            if (space < text.Length && !SplitParameters(text, space, context))
            {
                return;
            }

            if (context.ParameterCount > command.MaxParameters)
            {
                context.Fail(ScpiError.ParameterNotAllowed,
                    header + " takes at most " + command.MaxParameters + " parameter(s): " + command.Help);
                return;
            }

            if (context.ParameterCount < command.MinParameters)
            {
                context.Fail(ScpiError.MissingParameter,
                    header + " needs " + command.MinParameters + " parameter(s): " + command.Help);
                return;
            }

            try
            {
                command.Handler(context);
            }
            catch (System.Exception e)
            {
                context.Fail(ScpiError.ExecutionError, header + " failed: " + e.Message);
            }
        }

        /// <summary>ASCII case-insensitive equality without allocating (ToUpper on both sides, for every registered
        /// command, made start-up allocate ~25 KB of garbage: a third of the ESP32-WROOM's heap budget).</summary>
        private static bool SameIgnoringCase(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                char x = a[i];
                char y = b[i];
                if (x >= 'a' && x <= 'z')
                {
                    x = (char)(x - 32);
                }

                if (y >= 'a' && y <= 'z')
                {
                    y = (char)(y - 32);
                }

                if (x != y)
                {
                    return false;
                }
            }

            return true;
        }

        private bool SplitHeader(string bare, out int count)
        {
            count = 0;
            int start = bare.Length > 0 && bare[0] == ':' ? 1 : 0;
            if (start == bare.Length)
            {
                return false;
            }

            int at = start;
            for (int i = start; i <= bare.Length; i++)
            {
                if (i < bare.Length && bare[i] != ':')
                {
                    char c = bare[i];
                    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || c == '_';
                    if (!ok)
                    {
                        return false;
                    }

                    continue;
                }

                if (i == at || count == MaxKeywords)
                {
                    return false;
                }

                _keywords[count++] = bare.Substring(at, i - at);
                at = i + 1;
            }

            return true;
        }

        private ConsoleCommand Find(int keywordCount, bool isQuery)
        {
            for (int i = 0; i < _commands.Count; i++)
            {
                ConsoleCommand command = (ConsoleCommand)_commands[i];
                if (command.IsQuery == isQuery && command.Matches(_keywords, keywordCount))
                {
                    return command;
                }
            }

            return null;
        }

        /// <summary>Comma-separated parameters after the header; "quoted" ones may hold commas and spaces.</summary>
        private static bool SplitParameters(string text, int at, CommandContext context)
        {
            int i = at;
            while (true)
            {
                while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
                {
                    i++;
                }

                string value;
                if (i < text.Length && text[i] == '"')
                {
                    int close = text.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        context.Fail(ScpiError.SyntaxError, "unterminated string");
                        return false;
                    }

                    value = text.Substring(i + 1, close - i - 1);
                    i = close + 1;
                    while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
                    {
                        i++;
                    }
                }
                else
                {
                    int end = i;
                    while (end < text.Length && text[end] != ',')
                    {
                        end++;
                    }

                    value = text.Substring(i, end - i).Trim();
                    if (value.Length == 0)
                    {
                        context.Fail(ScpiError.SyntaxError, "empty parameter");
                        return false;
                    }

                    i = end;
                }

                if (!context.AddParameter(value))
                {
                    context.Fail(ScpiError.ParameterNotAllowed, "more than " + CommandContext.MaxParameters + " parameters");
                    return false;
                }

                if (i >= text.Length)
                {
                    return true;
                }

                if (text[i] != ',')
                {
                    context.Fail(ScpiError.SyntaxError, "expected ',' between parameters");
                    return false;
                }

                i++;
            }
        }

        private void Identify(CommandContext context)
        {
            context.Reply(_identity.IdnString);
        }

        private void ClearStatus(CommandContext context)
        {
            _errors.Clear();
        }

        private void NextError(CommandContext context)
        {
            context.Reply(_errors.Pop());
        }

        private void ErrorCount(CommandContext context)
        {
            context.Reply(_errors.Count.ToString());
        }

        private void Help(CommandContext context)
        {
            string text = "";
            for (int i = 0; i < _commands.Count; i++)
            {
                ConsoleCommand command = (ConsoleCommand)_commands[i];
                string name = command.Header + (command.IsQuery ? "?" : "");
                text = text + (i == 0 ? "" : "\r\n") + name.PadRight(24) + command.Help;
            }

            context.Reply(text);
        }
    }
}
