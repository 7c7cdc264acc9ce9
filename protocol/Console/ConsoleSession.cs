using GroundStation.Hal;

namespace GroundStation.Protocol.Console
{
    /// <summary>
    /// The technician's side of the port in console mode: a line editor for a plain terminal (echo, backspace,
    /// CR, LF or CR LF ends a line) that runs each line through the command table and prints the answer:
    /// the reply text, "OK" for a setting that succeeded, or "ERROR &lt;code&gt;,"&lt;message&gt;"" (also queued for
    /// SYST:ERR?). A line longer than <see cref="CommandTable.MaxLineLength"/> is discarded with -363.
    /// </summary>
    public sealed class ConsoleSession
    {
        private static readonly byte[] Erase = new byte[] { 0x08, 0x20, 0x08 };
        private static readonly byte[] NewLine = new byte[] { 0x0D, 0x0A };

        private readonly CommandTable _table;
        private readonly ISerialPort _port;
        private readonly char[] _line = new char[CommandTable.MaxLineLength];
        private readonly byte[] _echo = new byte[1];
        private int _length;
        private bool _overrun;
        private bool _lastWasCr;

        public ConsoleSession(CommandTable table, ISerialPort port, bool echo)
        {
            _table = table;
            _port = port;
            Echo = echo;
        }

        public bool Echo { get; set; }

        public long LinesExecuted { get; private set; }

        /// <summary>Takes one typed byte.</summary>
        public void Feed(byte value)
        {
            bool wasCr = _lastWasCr;
            _lastWasCr = value == 0x0D;
            if (value == 0x0D || value == 0x0A)
            {
                if (value == 0x0A && wasCr)
                {
                    return;
                }

                if (Echo)
                {
                    _port.Write(NewLine, 0, 2);
                }

                EndLine();
                return;
            }

            if (value == 0x08 || value == 0x7F)
            {
                if (_length > 0 && !_overrun)
                {
                    _length--;
                    if (Echo)
                    {
                        _port.Write(Erase, 0, 3);
                    }
                }

                return;
            }

            if (value < 0x20 && value != 0x09)
            {
                return;
            }

            if (_length == _line.Length)
            {
                _overrun = true;
                return;
            }

            _line[_length++] = (char)value;
            if (Echo)
            {
                _echo[0] = value;
                _port.Write(_echo, 0, 1);
            }
        }

        /// <summary>Forgets a partly typed line (a binary frame began).</summary>
        public void Discard()
        {
            _length = 0;
            _overrun = false;
        }

        /// <summary>Writes a line of text to the terminal (CR LF appended).</summary>
        public void WriteLine(string text)
        {
            byte[] bytes = Utf8.GetBytes(text);
            _port.Write(bytes, 0, bytes.Length);
            _port.Write(NewLine, 0, 2);
        }

        private void EndLine()
        {
            if (_overrun)
            {
                Discard();
                _table.Errors.Push(ScpiError.InputBufferOverrun, "line longer than " + CommandTable.MaxLineLength + " characters");
                WriteLine("ERROR " + ScpiError.Format(ScpiError.InputBufferOverrun, "line longer than " + CommandTable.MaxLineLength + " characters"));
                return;
            }

            if (_length == 0)
            {
                return;
            }

            string line = new string(_line, 0, _length);
            _length = 0;
            CommandContext result = _table.Execute(line, false);
            LinesExecuted++;
            if (result.ErrorCode != 0)
            {
                WriteLine("ERROR " + ScpiError.Format(result.ErrorCode, result.ErrorDetail));
            }
            else if (result.ReplyText != null)
            {
                WriteLine(result.ReplyText);
            }
            else if (result.Header.Length > 0)
            {
                WriteLine("OK");
            }
        }
    }
}
