using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The reviewed list of stable nanoFramework API the device sources may use (nanoframework-api.txt).
    /// One entry per line, '#' starts a comment. An entry is a full type name (the type may be named) or a member
    /// name <c>Namespace.Type.Member</c> (any overload), <c>Namespace.Type..ctor</c> for constructors,
    /// <c>Namespace.Type.this[]</c> for indexers, or <c>Namespace.Type.*</c> for every member (which also allows naming the type).
    /// Nested types are written with dots: <c>Namespace.Outer.Inner</c>. A member entry may carry a parameter list,
    /// <c>System.Threading.Interlocked.Increment(ref int)</c>: then only the overloads listed that way are allowed
    /// (C# keywords for built-in types, type names without namespace, spaces ignored).
    /// </summary>
    public sealed class AllowList
    {
        public const string FileName = "nanoframework-api.txt";

        private static readonly ConcurrentDictionary<string, AllowList> Cache = new ConcurrentDictionary<string, AllowList>(StringComparer.Ordinal);

        private readonly HashSet<string> entries = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> namespaces = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> signatures = new HashSet<string>(StringComparer.Ordinal);

        private AllowList()
        {
        }

        public int Count => entries.Count;

        /// <summary>Parses the text; the same text (the compiler server sees it once per project) is parsed once.</summary>
        public static AllowList Parse(string text)
        {
            return Cache.GetOrAdd(text ?? string.Empty, ParseUncached);
        }

        private static AllowList ParseUncached(string text)
        {
            var list = new AllowList();
            foreach (var rawLine in text.Split('\n'))
            {
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

                var paren = line.IndexOf('(');
                if (paren > 0)
                {
                    list.signatures.Add(line.Replace(" ", string.Empty));
                    line = line.Substring(0, paren).Trim();
                    list.AddPrefixes(line);
                    continue;
                }

                list.entries.Add(line);
                list.AddPrefixes(line);
            }

            return list;
        }

        private void AddPrefixes(string line)
        {
            // Every dotted prefix may be a namespace: lets `using X;` be checked without a separate namespace list.
            for (var i = line.IndexOf('.'); i > 0; i = line.IndexOf('.', i + 1))
            {
                namespaces.Add(line.Substring(0, i));
            }
        }

        /// <summary>True when the type (full name, nested types dotted) may be named.</summary>
        public bool AllowsType(string typeName)
        {
            return entries.Contains(typeName) || entries.Contains(typeName + ".*");
        }

        /// <summary>True when the member of the type may be used (any overload).</summary>
        public bool AllowsMember(string typeName, string memberName)
        {
            return AllowsMember(typeName, memberName, null);
        }

        /// <summary>
        /// True when the member may be used; <paramref name="parameters"/> (e.g. "ref int") is asked only when the
        /// list restricts the member to some overloads.
        /// </summary>
        public bool AllowsMember(string typeName, string memberName, Func<string> parameters)
        {
            if (entries.Contains(typeName + ".*") || entries.Contains(typeName + "." + memberName))
            {
                return true;
            }

            return parameters != null && signatures.Count > 0
                && signatures.Contains((typeName + "." + memberName + "(" + parameters() + ")").Replace(" ", string.Empty));
        }

        /// <summary>True when some allowed entry lives in this namespace (or below it).</summary>
        public bool KnowsNamespace(string namespaceName)
        {
            return namespaces.Contains(namespaceName);
        }

        public bool Contains(string entry)
        {
            return entries.Contains(entry);
        }
    }
}
