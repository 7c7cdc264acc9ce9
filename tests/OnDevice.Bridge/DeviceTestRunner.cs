using System;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceBridge
{
    /// <summary>What running one device test produced.</summary>
    public sealed class DeviceTestOutcome
    {
        public DeviceTestOutcome(bool skipped, string skipMessage, string output)
        {
            Skipped = skipped;
            SkipMessage = skipMessage;
            Output = output;
        }

        /// <summary>The test called Assert.SkipTest (on the board it shows as skipped).</summary>
        public bool Skipped { get; }

        public string SkipMessage { get; }

        public string Output { get; }
    }

    /// <summary>
    /// Runs one device test like the board's launcher: a fresh instance of the class, its [Setup] methods, the test
    /// (once per [DataRow] when it has rows), then its [Cleanup] methods even when the test failed. A failed
    /// assertion or any other exception propagates unchanged, so the desktop test fails with the device message.
    /// </summary>
    public static class DeviceTestRunner
    {
        public static DeviceTestOutcome Run(DeviceTest test)
        {
            object instance = test.Method.IsStatic && test.TestClass.IsAbstract ? null : Activator.CreateInstance(test.TestClass);
            MethodInfo[] setups = Marked(test.TestClass, typeof(SetupAttribute));
            MethodInfo[] cleanups = Marked(test.TestClass, typeof(CleanupAttribute));
            OutputHelper.TakeOutput();
            try
            {
                foreach (MethodInfo setup in setups)
                {
                    Invoke(setup, instance, null);
                }

                DataRowAttribute[] rows = test.Method.GetCustomAttributes<DataRowAttribute>().ToArray();
                if (rows.Length == 0)
                {
                    Invoke(test.Method, instance, null);
                }

                foreach (DataRowAttribute row in rows)
                {
                    Invoke(test.Method, instance, row.MethodParameters);
                }

                return new DeviceTestOutcome(false, null, OutputHelper.TakeOutput());
            }
            catch (SkipTestException skip)
            {
                return new DeviceTestOutcome(true, skip.Message, OutputHelper.TakeOutput());
            }
            finally
            {
                foreach (MethodInfo cleanup in cleanups)
                {
                    Invoke(cleanup, instance, null);
                }
            }
        }

        private static MethodInfo[] Marked(Type type, Type attribute)
        {
            return type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(m => m.IsDefined(attribute, inherit: true))
                .ToArray();
        }

        private static void Invoke(MethodInfo method, object instance, object[] arguments)
        {
            try
            {
                method.Invoke(method.IsStatic ? null : instance, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
