namespace GroundStation.Protocol.Console
{
    /// <summary>SCPI-1999 error codes the console reports (negative: standard; 0: no error).</summary>
    public static class ScpiError
    {
        public const int None = 0;
        public const int CommandError = -100;
        public const int SyntaxError = -102;
        public const int DataTypeError = -104;
        public const int ParameterNotAllowed = -108;
        public const int MissingParameter = -109;
        public const int UndefinedHeader = -113;
        public const int ExecutionError = -200;
        public const int SettingsConflict = -221;
        public const int DataOutOfRange = -222;
        public const int IllegalParameterValue = -224;
        public const int QueueOverflow = -350;
        public const int InputBufferOverrun = -363;

        /// <summary>The standard text of a code (device-specific positive codes: "Device error").</summary>
        public static string Message(int code)
        {
            switch (code)
            {
                case None: return "No error";
                case CommandError: return "Command error";
                case SyntaxError: return "Syntax error";
                case DataTypeError: return "Data type error";
                case ParameterNotAllowed: return "Parameter not allowed";
                case MissingParameter: return "Missing parameter";
                case UndefinedHeader: return "Undefined header";
                case ExecutionError: return "Execution error";
                case SettingsConflict: return "Settings conflict";
                case DataOutOfRange: return "Data out of range";
                case IllegalParameterValue: return "Illegal parameter value";
                case QueueOverflow: return "Queue overflow";
                case InputBufferOverrun: return "Input buffer overrun";
                default: return code > 0 ? "Device error" : "Error";
            }
        }

        /// <summary>The SCPI error-queue form: <c>-222,"Data out of range; channel 9 (1..4)"</c>.</summary>
        public static string Format(int code, string detail)
        {
            string text = Message(code);
            if (detail != null && detail.Length > 0)
            {
                text = text + "; " + detail;
            }

            if (text.IndexOf('"') >= 0)
            {
                // A quote inside would end the SCPI string early.
                char[] chars = text.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    if (chars[i] == '"')
                    {
                        chars[i] = '\'';
                    }
                }

                text = new string(chars);
            }

            return code.ToString() + ",\"" + text + "\"";
        }
    }
}
