using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Device stand-in for nanoFramework.TestFramework's OutputHelper: test output goes to the console.</summary>
    public static class OutputHelper
    {
        public static void WriteLine(string message)
        {
            Console.WriteLine("  output: " + message);
        }

        public static void Write(string message)
        {
            Console.Write(message);
        }
    }
}
