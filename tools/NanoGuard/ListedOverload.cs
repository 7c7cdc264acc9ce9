using System;
using System.Collections.Generic;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// One overload as the allow-list writes it: parameter types ("ref int", "params object[]"), and which trailing
    /// parameters are optional ("int = -1"). Lets a desktop call to Foo(int) count as the device's Foo(int, int = -1).
    /// </summary>
    public sealed class ListedOverload
    {
        private ListedOverload(string[] types, bool[] optional)
        {
            Types = types;
            Optional = optional;
        }

        /// <summary>Whitespace-free parameter types, in order.</summary>
        public IReadOnlyList<string> Types { get; }

        /// <summary>True where the parameter has a default value.</summary>
        public IReadOnlyList<bool> Optional { get; }

        public string Display => string.Join(", ", Types);

        /// <summary>The overload of a method read from metadata (the real mscorlib) or bound on the desktop.</summary>
        public static ListedOverload Of(Microsoft.CodeAnalysis.IMethodSymbol method)
        {
            var types = new string[method.Parameters.Length];
            var optional = new bool[types.Length];
            for (var i = 0; i < types.Length; i++)
            {
                types[i] = AllowList.Normalize(TypeKeys.ParameterText(method.Parameters[i]));
                optional[i] = method.Parameters[i].IsOptional;
            }

            return new ListedOverload(types, optional);
        }

        /// <summary>
        /// True when a call the desktop bound to <paramref name="desktop"/> means the same with this overload: the same
        /// parameter types in order (a params array here may take the desktop's expanded arguments of its element type),
        /// and every parameter left over is optional or a params array.
        /// </summary>
        public bool AcceptsSameCallAs(ListedOverload desktop)
        {
            var i = 0;
            var j = 0;
            while (i < desktop.Types.Count)
            {
                if (j >= Types.Count)
                {
                    return false;
                }

                if (desktop.Types[i] == Types[j])
                {
                    i++;
                    j++;
                    continue;
                }

                var element = ParamsElement(Types[j]);
                if (element == null || desktop.Types[i] != element)
                {
                    return false;
                }

                while (i < desktop.Types.Count && desktop.Types[i] == element)
                {
                    i++;
                }

                j++;
            }

            for (; j < Types.Count; j++)
            {
                if (!Optional[j] && ParamsElement(Types[j]) == null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"T" for "paramsT[]", else null.</summary>
        private static string ParamsElement(string type)
        {
            return type.StartsWith("params", StringComparison.Ordinal) && type.EndsWith("[]", StringComparison.Ordinal)
                ? type.Substring("params".Length, type.Length - "params".Length - 2)
                : null;
        }

        public static ListedOverload Parse(string parameterList)
        {
            if (parameterList.Trim().Length == 0)
            {
                return new ListedOverload(new string[0], new bool[0]);
            }

            var parts = SplitTopLevel(parameterList);
            var types = new string[parts.Count];
            var optional = new bool[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var equals = part.IndexOf('=');
                optional[i] = equals >= 0;
                types[i] = AllowList.Normalize(equals >= 0 ? part.Substring(0, equals) : part);
            }

            return new ListedOverload(types, optional);
        }

        /// <summary>Splits at commas outside angle brackets (a generic argument list has commas of its own).</summary>
        private static List<string> SplitTopLevel(string text)
        {
            var result = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '<' || c == '[' || c == '(')
                {
                    depth++;
                }
                else if (c == '>' || c == ']' || c == ')')
                {
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    result.Add(text.Substring(start, i - start));
                    start = i + 1;
                }
            }

            result.Add(text.Substring(start));
            return result;
        }
    }
}
