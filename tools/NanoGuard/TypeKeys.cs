using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// How the guard writes types and members: a type as its namespace-qualified name with nested types dotted
    /// ("System.IO.Ports.SerialPort"), parameter lists with C# keywords and unqualified type names ("ref int, PinMode").
    /// The allow-list is written the same way.
    /// </summary>
    internal static class TypeKeys
    {
        private static readonly SymbolDisplayFormat ParameterTypeFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>"Namespace.Outer.Inner" of the type's definition (no type arguments).</summary>
        public static string Of(ISymbol type)
        {
            var name = type.Name;
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.Name + "." + name;
            }

            var ns = type.ContainingNamespace;
            return ns == null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }

        /// <summary>A type as a parameter list writes it: "int", "byte[]", "PinMode", "SerialPort.Handler".</summary>
        public static string TypeName(ITypeSymbol type)
        {
            return type.ToDisplayString(ParameterTypeFormat);
        }

        /// <summary>The parameter list of a method, constructor or indexer: "ref int, params object[]".</summary>
        public static string Parameters(ISymbol member)
        {
            var parameters = member is IMethodSymbol m ? m.Parameters
                : member is IPropertySymbol p ? p.Parameters
                : ImmutableArray<IParameterSymbol>.Empty;
            var parts = new string[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parts[i] = ParameterText(parameters[i]);
            }

            return string.Join(", ", parts);
        }

        /// <summary>One parameter as a list writes it: "ref int", "params object[]", "PinMode".</summary>
        public static string ParameterText(IParameterSymbol parameter)
        {
            var prefix = parameter.RefKind == RefKind.Ref ? "ref "
                : parameter.RefKind == RefKind.Out ? "out "
                : parameter.RefKind == RefKind.In ? "in "
                : parameter.IsParams ? "params " : string.Empty;
            return prefix + TypeName(parameter.Type);
        }

        /// <summary>The member's name as the list writes it: ".ctor", "this[]", "op_Implicit", or its name.</summary>
        public static string MemberName(ISymbol member)
        {
            var method = member as IMethodSymbol;
            if (method != null)
            {
                switch (method.MethodKind)
                {
                    case MethodKind.Constructor:
                        return ".ctor";
                    case MethodKind.StaticConstructor:
                        return ".cctor";
                    case MethodKind.PropertyGet:
                    case MethodKind.PropertySet:
                    case MethodKind.EventAdd:
                    case MethodKind.EventRemove:
                        return method.AssociatedSymbol != null ? MemberName(method.AssociatedSymbol) : method.Name;
                }
            }

            var property = member as IPropertySymbol;
            if (property != null && property.IsIndexer)
            {
                return "this[]";
            }

            return member.Name;
        }

        /// <summary>
        /// The member as one allow-list line writes it, without the type: "OpenPin(int, PinMode)", ".ctor()",
        /// "op_Implicit(byte[]) : SpanByte", "this[int]", "PinCount", "ValueChanged".
        /// </summary>
        public static string Signature(ISymbol member)
        {
            var method = member as IMethodSymbol;
            if (method != null)
            {
                var text = MemberName(method) + "(" + Parameters(method) + ")";
                if (method.MethodKind == MethodKind.Conversion)
                {
                    text += " : " + TypeName(method.ReturnType);
                }

                return text;
            }

            var property = member as IPropertySymbol;
            if (property != null && property.IsIndexer)
            {
                return "this[" + Parameters(property) + "]";
            }

            return member.Name;
        }
    }
}
