using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GroundStation.OnDeviceTests;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceBridge
{
    /// <summary>One device test: a [TestMethod] of a [TestClass], named "Class.Method" as in the device test report.</summary>
    public sealed class DeviceTest
    {
        public DeviceTest(Type testClass, MethodInfo method)
        {
            TestClass = testClass;
            Method = method;
            HardwareInTheLoopAttribute hil = method.GetCustomAttribute<HardwareInTheLoopAttribute>()
                ?? testClass.GetCustomAttribute<HardwareInTheLoopAttribute>();
            SkipReason = hil == null ? null : "hardware in the loop (runs on the ESP32 bench only): " + hil.Reason;
        }

        public Type TestClass { get; }

        public MethodInfo Method { get; }

        public string Name => TestClass.Name + "." + Method.Name;

        /// <summary>Why the desktop does not run it; null when it runs here.</summary>
        public string SkipReason { get; }
    }

    /// <summary>Finds the device tests by reflection, the way nanoFramework's UnitTestLauncher does on the board.</summary>
    public static class DeviceTestCatalog
    {
        /// <summary>Namespace of the device suite (tests/OnDevice); the bridge's own samples live elsewhere.</summary>
        public const string DeviceNamespace = "GroundStation.OnDeviceTests";

        private static readonly Lazy<IReadOnlyList<DeviceTest>> Suite = new Lazy<IReadOnlyList<DeviceTest>>(
            () => Discover(typeof(DeviceTestCatalog).Assembly, DeviceNamespace));

        public static IReadOnlyList<DeviceTest> DeviceSuite => Suite.Value;

        public static IReadOnlyList<DeviceTest> Discover(Assembly assembly, string namespaceName)
        {
            return assembly.GetTypes()
                .Where(t => t.Namespace == namespaceName && t.GetCustomAttribute<TestClassAttribute>() != null)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null)
                    .Select(m => new DeviceTest(t, m)))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
        }

        public static DeviceTest Find(string name)
        {
            DeviceTest test = DeviceSuite.FirstOrDefault(t => t.Name == name);
            if (test == null)
            {
                throw new ArgumentException("no device test named " + name);
            }

            return test;
        }
    }
}
