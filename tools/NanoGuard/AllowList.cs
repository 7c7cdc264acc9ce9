using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The reviewed API of the nanoFramework packages the registry cannot give (nanoframework-api.txt): every entry an
    /// exact type or member of the pinned package versions. mscorlib is not in it: the guard reads the real one
    /// (<see cref="CoreLibrarySurface"/>). One entry a line, '#' starts a comment:
    /// <code>
    /// System.Device.Gpio.GpioController                      a type
    /// System.Device.Gpio.GpioController..ctor()              a constructor: always with its parameter list
    /// System.Device.Gpio.GpioController.OpenPin(int, PinMode)   a method: one line per overload
    /// System.Device.Spi.SpiConnectionSettings..ctor(int, int = -1) an optional parameter carries its default
    /// System.Device.Gpio.PinValue.op_Implicit(int) : PinValue    a conversion operator names its target type
    /// System.Device.Gpio.GpioController.PinCount { get; }    a property with its accessors
    /// System.Device.Gpio.GpioPin.ValueChanged                a field, event or enum member
    /// desktop System.String.Split(char, StringSplitOptions) =&gt; System.String.Split(params char[])
    /// </code>
    /// The last form is a desktop binding: the desktop compiles the same source line to another member than the device
    /// (named after =&gt;, which must exist on the device). Wildcards and methods without a parameter list are errors.
    /// </summary>
    public sealed class AllowList
    {
        public const string FileName = "nanoframework-api.txt";

        private static readonly ConcurrentDictionary<string, AllowList> Cache = new ConcurrentDictionary<string, AllowList>(StringComparer.Ordinal);

        private readonly HashSet<string> entries = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> namespaces = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> desktopBindings = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ListedOverload>> overloads = new Dictionary<string, List<ListedOverload>>(StringComparer.Ordinal);
        private readonly List<string> problems = new List<string>();

        private AllowList()
        {
        }

        public int Count => entries.Count;

        /// <summary>Lines that are not a valid entry ("line 12: ..."): the guard refuses to judge with a broken list.</summary>
        public IReadOnlyList<string> Problems => problems;

        /// <summary>Desktop member key → the device member the same source line binds to.</summary>
        public IReadOnlyDictionary<string, string> DesktopBindings => desktopBindings;

        /// <summary>Parses the text; the same text (the compiler server sees it once per project) is parsed once.</summary>
        public static AllowList Parse(string text)
        {
            return Cache.GetOrAdd(text ?? string.Empty, ParseUncached);
        }

        /// <summary>Whitespace-free form used for every lookup: "System.Foo.Bar(int,ref long)".</summary>
        public static string Normalize(string entry)
        {
            var chars = new char[entry.Length];
            var length = 0;
            foreach (var c in entry)
            {
                if (!char.IsWhiteSpace(c))
                {
                    chars[length++] = c;
                }
            }

            return new string(chars, 0, length);
        }

        private static AllowList ParseUncached(string text)
        {
            var list = new AllowList();
            var number = 0;
            foreach (var rawLine in text.Split('\n'))
            {
                number++;
                var line = rawLine;
                var hash = line.IndexOf('#');
                if (hash >= 0)
                {
                    line = line.Substring(0, hash);
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var problem = list.Add(line);
                if (problem != null)
                {
                    list.problems.Add("line " + number + ": " + problem + " ('" + line + "')");
                }
            }

            return list;
        }

        private string Add(string line)
        {
            if (line.IndexOf('*') >= 0)
            {
                return "wildcards are not allowed: list each member with its exact signature";
            }

            if (line.StartsWith("desktop ", StringComparison.Ordinal))
            {
                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (arrow < 0 || line.IndexOf('(') < 0)
                {
                    return "a desktop binding is 'desktop <desktop member(params)> => <device member(params)>'";
                }

                desktopBindings[Normalize(line.Substring("desktop ".Length, arrow - "desktop ".Length))] = Normalize(line.Substring(arrow + 2));
                return null;
            }

            var brace = line.IndexOf('{');
            if (brace > 0)
            {
                var name = Normalize(line.Substring(0, brace));
                var accessors = Normalize(line.Substring(brace));
                var get = accessors.Contains("get;");
                var set = accessors.Contains("set;");
                if (!accessors.EndsWith("}", StringComparison.Ordinal) || (!get && !set))
                {
                    return "a property lists its accessors: { get; }, { set; } or { get; set; }";
                }

                if (get)
                {
                    entries.Add(name + "{get}");
                }

                if (set)
                {
                    entries.Add(name + "{set}");
                }

                AddPrefixes(name);
                return null;
            }

            var open = line.IndexOf('(');
            if (open > 0)
            {
                var close = line.LastIndexOf(')');
                if (close < open)
                {
                    return "unbalanced parameter list";
                }

                var overload = ListedOverload.Parse(line.Substring(open + 1, close - open - 1));
                var name = Normalize(line.Substring(0, open));
                var signature = name + "(" + string.Join(",", overload.Types) + ")" + Normalize(line.Substring(close + 1));
                entries.Add(signature);
                List<ListedOverload> list;
                if (!overloads.TryGetValue(name, out list))
                {
                    overloads[name] = list = new List<ListedOverload>();
                }

                list.Add(overload);
                AddPrefixes(name);
                return null;
            }

            var normalized = Normalize(line);
            entries.Add(normalized);
            AddPrefixes(normalized);
            return null;
        }

        private void AddPrefixes(string entry)
        {
            // Every dotted prefix may be a namespace: lets `using X;` be checked without a separate namespace list.
            var end = entry.IndexOfAny(new[] { '(', '[', '{' });
            var name = end > 0 ? entry.Substring(0, end) : entry;
            for (var i = name.IndexOf('.'); i > 0; i = name.IndexOf('.', i + 1))
            {
                namespaces.Add(name.Substring(0, i));
            }
        }

        /// <summary>True when the type (full name, nested types dotted) is listed.</summary>
        public bool AllowsType(string typeKey)
        {
            return entries.Contains(typeKey);
        }

        /// <summary>True when "Type.Signature" is listed (signature as <see cref="TypeKeys.Signature"/> writes it).</summary>
        public bool Allows(string typeKey, string signature)
        {
            return entries.Contains(typeKey + "." + Normalize(signature));
        }

        /// <summary>True when the property (or "this[int]" indexer) of the type has the accessor listed.</summary>
        public bool AllowsAccessor(string typeKey, string propertySignature, bool setter)
        {
            return entries.Contains(typeKey + "." + Normalize(propertySignature) + (setter ? "{set}" : "{get}"));
        }

        /// <summary>Every listed overload of the type's method or constructor <paramref name="memberName"/>.</summary>
        public IReadOnlyList<ListedOverload> Overloads(string typeKey, string memberName)
        {
            List<ListedOverload> list;
            return overloads.TryGetValue(typeKey + "." + memberName, out list) ? list : (IReadOnlyList<ListedOverload>)new ListedOverload[0];
        }

        /// <summary>True when some listed entry lives in this namespace (or below it).</summary>
        public bool KnowsNamespace(string namespaceName)
        {
            return namespaces.Contains(namespaceName);
        }

        public bool Contains(string entry)
        {
            return entries.Contains(Normalize(entry));
        }
    }
}
