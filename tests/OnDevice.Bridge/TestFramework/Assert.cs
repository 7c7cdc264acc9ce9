using System;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Stand-in for nanoFramework.TestFramework's Assert (Assert.NoGenerics.AreEqual.cs and Assertions/*.cs of
    /// 3.0.80): one overload per primitive plus object and string, an optional message, no generics.
    /// </summary>
    public sealed class Assert
    {
        private Assert()
        {
        }

        public static void AreEqual(bool expected, bool actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(byte expected, byte actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(char expected, char actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(double expected, double actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(float expected, float actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(int expected, int actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(long expected, long actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(object expected, object actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(short expected, short actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(string expected, string actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(uint expected, uint actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(ulong expected, ulong actual, string message = "") { Equal(expected, actual, message); }
        public static void AreEqual(ushort expected, ushort actual, string message = "") { Equal(expected, actual, message); }

        public static void AreNotEqual(bool notExpected, bool actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(byte notExpected, byte actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(char notExpected, char actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(double notExpected, double actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(float notExpected, float actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(int notExpected, int actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(long notExpected, long actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(object notExpected, object actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(string notExpected, string actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(uint notExpected, uint actual, string message = "") { NotEqual(notExpected, actual, message); }
        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "") { NotEqual(notExpected, actual, message); }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", "Expected: True. Actual: False. " + message);
            }
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", "Expected: False. Actual: True. " + message);
            }
        }

        public static void IsNull(object value, string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", "Expected: null. Actual: <" + value + ">. " + message);
            }
        }

        public static void IsNotNull(object value, string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", "Expected: not null. " + message);
            }
        }

        public static void AreSame(object expected, object actual, string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", "Expected the same instance. " + message);
            }
        }

        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", "Expected different instances. " + message);
            }
        }

        public static void IsInstanceOfType(object value, Type expectedType, string message = "")
        {
            if (value == null || !expectedType.IsInstanceOfType(value))
            {
                Fail("Assert.IsInstanceOfType", "Expected type <" + expectedType + ">. " + message);
            }
        }

        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() != exceptionType)
                {
                    Fail("Assert.ThrowsException", "Expected <" + exceptionType + ">, threw <" + e.GetType() + ">: " + e.Message + ". " + message);
                }

                return;
            }

            Fail("Assert.ThrowsException", "Expected <" + exceptionType + ">, nothing was thrown. " + message);
        }

        public static void SkipTest(string message = "")
        {
            throw new SkipTestException(message);
        }

        private static void Equal(object expected, object actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
            }
        }

        private static void NotEqual(object notExpected, object actual, string message)
        {
            if (Equals(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
            }
        }

        private static string Show(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }

        internal static void Fail(string assertion, string text)
        {
            throw new AssertFailedException(assertion + " failed. " + text.TrimEnd());
        }
    }
}
