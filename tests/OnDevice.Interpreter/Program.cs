using System;
using System.Reflection;
using GroundStation.OnDeviceTests;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceInterpreter
{
    /// <summary>
    /// Runs every [TestClass] of tests/OnDevice on the interpreter the way the device's test launcher does: one
    /// instance per class, its [Setup] methods once, each [TestMethod] (once per [DataRow]), then its [Cleanup]
    /// methods. Classes and methods marked [HardwareInTheLoop] are reported skipped with their reason (no bench
    /// here). One line per test, a summary, then "end" (nanoCLR reports no unhandled exception, so the last line
    /// shows the run finished). Classes and methods run in name order, so two runs print the same lines.
    /// </summary>
    public static class Program
    {
        private const string TestNamespace = "GroundStation.OnDeviceTests.";

        private static int ran;
        private static int passed;
        private static int failed;
        private static int skipped;

        public static void Main()
        {
            try
            {
                Type[] types = Assembly.GetAssembly(typeof(HardwareInTheLoopAttribute)).GetTypes();
                string[] names = new string[types.Length];
                for (int i = 0; i < types.Length; i++)
                {
                    names[i] = types[i].FullName;
                }

                int[] order = NameOrder(names);
                for (int k = 0; k < order.Length; k++)
                {
                    Type type = types[order[k]];
                    if (type.FullName.StartsWith(TestNamespace) && Find(type.GetCustomAttributes(true), typeof(TestClassAttribute)) != null)
                    {
                        RunClass(type);
                    }
                }

                Console.WriteLine("tests ran=" + ran + " passed=" + passed + " failed=" + failed + " skipped=" + skipped);
            }
            catch (Exception e)
            {
                Console.WriteLine("error " + e.GetType().FullName + ": " + e.Message);
            }

            Console.WriteLine("end");
        }

        private static void RunClass(Type type)
        {
            MethodInfo[] declared = type.GetMethods();
            string[] names = new string[declared.Length];
            for (int i = 0; i < declared.Length; i++)
            {
                names[i] = declared[i].Name;
            }

            int[] order = NameOrder(names);
            MethodInfo[] methods = new MethodInfo[declared.Length];
            for (int i = 0; i < order.Length; i++)
            {
                methods[i] = declared[order[i]];
            }

            object classMark = Find(type.GetCustomAttributes(true), typeof(HardwareInTheLoopAttribute));
            if (classMark != null)
            {
                for (int i = 0; i < methods.Length; i++)
                {
                    if (IsMarked(methods[i], typeof(TestMethodAttribute)))
                    {
                        Skip(type, methods[i], ((HardwareInTheLoopAttribute)classMark).Reason);
                    }
                }

                return;
            }

            object instance = type.GetConstructor(new Type[0]).Invoke(new object[0]);
            if (!InvokeAll(type, methods, typeof(SetupAttribute), instance))
            {
                return;
            }

            for (int i = 0; i < methods.Length; i++)
            {
                if (!IsMarked(methods[i], typeof(TestMethodAttribute)))
                {
                    continue;
                }

                object[] attributes = methods[i].GetCustomAttributes(true);
                object mark = Find(attributes, typeof(HardwareInTheLoopAttribute));
                if (mark != null)
                {
                    Skip(type, methods[i], ((HardwareInTheLoopAttribute)mark).Reason);
                    continue;
                }

                bool hasRows = false;
                for (int a = 0; a < attributes.Length; a++)
                {
                    DataRowAttribute row = attributes[a] as DataRowAttribute;
                    if (row != null)
                    {
                        hasRows = true;
                        RunTest(type, methods[i], instance, row.MethodParameters);
                    }
                }

                if (!hasRows)
                {
                    RunTest(type, methods[i], instance, null);
                }
            }

            InvokeAll(type, methods, typeof(CleanupAttribute), instance);
        }

        private static void RunTest(Type type, MethodInfo method, object instance, object[] arguments)
        {
            string name = type.Name + "." + method.Name + (arguments == null ? string.Empty : "(" + arguments.Length + " arguments)");
            ran++;
            try
            {
                method.Invoke(instance, arguments);
                passed++;
                Console.WriteLine("test " + name + " passed");
            }
            catch (Exception e)
            {
                Exception cause = e.InnerException != null ? e.InnerException : e;
                if (cause is SkipTestException)
                {
                    ran--;
                    skipped++;
                    Console.WriteLine("test " + name + " skipped: " + cause.Message);
                    return;
                }

                failed++;
                Console.WriteLine("test " + name + " failed: " + cause.GetType().FullName + ": " + cause.Message);
            }
        }

        /// <summary>Runs every method of the class carrying the attribute; false (all reported) when one throws.</summary>
        private static bool InvokeAll(Type type, MethodInfo[] methods, Type attribute, object instance)
        {
            for (int i = 0; i < methods.Length; i++)
            {
                if (!IsMarked(methods[i], attribute))
                {
                    continue;
                }

                try
                {
                    methods[i].Invoke(instance, null);
                }
                catch (Exception e)
                {
                    Exception cause = e.InnerException != null ? e.InnerException : e;
                    failed++;
                    Console.WriteLine("test " + type.Name + "." + methods[i].Name + " (" + attribute.Name + ") failed: " + cause.GetType().FullName + ": " + cause.Message);
                    return false;
                }
            }

            return true;
        }

        private static void Skip(Type type, MethodInfo method, string reason)
        {
            skipped++;
            Console.WriteLine("test " + type.Name + "." + method.Name + " skipped: " + reason);
        }

        private static bool IsMarked(MethodInfo method, Type attribute)
        {
            return Find(method.GetCustomAttributes(true), attribute) != null;
        }

        private static object Find(object[] attributes, Type attribute)
        {
            for (int i = 0; i < attributes.Length; i++)
            {
                if (attributes[i].GetType() == attribute)
                {
                    return attributes[i];
                }
            }

            return null;
        }

        /// <summary>The indices of <paramref name="names"/> in ordinal name order (insertion sort: a few dozen names).</summary>
        private static int[] NameOrder(string[] names)
        {
            int[] order = new int[names.Length];
            for (int i = 0; i < order.Length; i++)
            {
                int j = i;
                while (j > 0 && string.Compare(names[order[j - 1]], names[i]) > 0)
                {
                    order[j] = order[j - 1];
                    j--;
                }

                order[j] = i;
            }

            return order;
        }
    }
}
