using System;

// Desktop stand-in for nanoFramework.TestFramework 3.0.80 (source/TestFramework/TestFramework.cs): same namespace,
// names and signatures, so tests/OnDevice compiles unchanged here and in NFUnitTest.nfproj.
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding device tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a device test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs before the tests of the class (on the device once per class; on the desktop before each method).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs after the tests of the class (on the device once per class; on the desktop after each method).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class CleanupAttribute : Attribute
    {
    }

    /// <summary>One set of arguments for a parameterised test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        public object[] MethodParameters { get; }
    }

    /// <summary>Thrown by a failed assertion.</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>.</summary>
    public class SkipTestException : Exception
    {
        public SkipTestException(string message)
            : base(message)
        {
        }
    }
}
