using System;

// Desktop stand-in for nanoFramework.TestFramework's OutputHelper: the text goes to the running test's result.
// (tests/OnDevice.Interpreter has the device variant, which writes to the console as the device's does.)
namespace nanoFramework.TestFramework
{
    /// <summary>Test output (the device writes it to the debug console).</summary>
    public static class OutputHelper
    {
        [ThreadStatic]
        private static System.Text.StringBuilder captured;

        public static void WriteLine(string message)
        {
            Write(message + Environment.NewLine);
        }

        public static void Write(string message)
        {
            if (captured == null)
            {
                captured = new System.Text.StringBuilder();
            }

            captured.Append(message);
        }

        /// <summary>Desktop only: returns and clears what the running test wrote.</summary>
        internal static string TakeOutput()
        {
            string text = captured == null ? string.Empty : captured.ToString();
            captured = null;
            return text;
        }
    }
}
