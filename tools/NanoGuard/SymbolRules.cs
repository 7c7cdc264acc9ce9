using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// Judges one referenced symbol: generic, nullable, tuple, span or dynamic types are refused outright; anything
    /// else that comes from a library (a metadata reference other than GroundStation.*) must be in the allow-list.
    /// </summary>
    internal sealed class SymbolRules
    {
        private static readonly SymbolDisplayFormat ShortGenericFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private readonly Compilation compilation;
        private readonly AllowList allowList;
        private readonly DeviceScope scope;
        private readonly ConcurrentDictionary<ISymbol, string> typeKeys = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);

        public SymbolRules(Compilation compilation, AllowList allowList, DeviceScope scope)
        {
            this.compilation = compilation;
            this.allowList = allowList;
            this.scope = scope;
        }

        public AllowList AllowList => allowList;

        /// <summary>Checks any symbol a name, constructor call, operator or foreach binds to.</summary>
        public void Check(ISymbol symbol, Location location, Action<Diagnostic> report)
        {
            switch (symbol)
            {
                case null:
                    return;
                case IAliasSymbol alias:
                    Check(alias.Target, location, report);
                    return;
                case ITypeSymbol type:
                    CheckType(type, location, report);
                    return;
                case IMethodSymbol _:
                case IPropertySymbol _:
                case IFieldSymbol _:
                case IEventSymbol _:
                    CheckMember(symbol, location, report, skipGenericCheck: false);
                    return;
                default:
                    return; // namespaces, locals, parameters, labels, range variables
            }
        }

        /// <summary>Checks a type that is named in device code. Returns false when a diagnostic was reported.</summary>
        public bool CheckType(ITypeSymbol type, Location location, Action<Diagnostic> report)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return CheckType(array.ElementType, location, report);
                case IPointerTypeSymbol _:
                case IFunctionPointerTypeSymbol _:
                    report(Diagnostic.Create(Descriptors.Unsafe, location, "pointer type '" + type.ToDisplayString() + "'"));
                    return false;
                case IDynamicTypeSymbol _:
                    report(Diagnostic.Create(Descriptors.Dynamic, location, "'dynamic'"));
                    return false;
                case INamedTypeSymbol named:
                    return CheckNamedType(named, location, report);
                default:
                    return true; // type parameters (their declaration is reported), error types
            }
        }

        private bool CheckNamedType(INamedTypeSymbol type, Location location, Action<Diagnostic> report)
        {
            var refused = RefuseSpecialType(type, location, report);
            if (refused)
            {
                return false;
            }

            if (type.IsNativeIntegerType)
            {
                report(Diagnostic.Create(Descriptors.Unsafe, location, "native-sized integer '" + type.ToDisplayString() + "'"));
                return false;
            }

            if (type.SpecialType == SpecialType.System_Void || !IsLibrary(type))
            {
                return true;
            }

            if (IsGeneric(type))
            {
                report(Diagnostic.Create(Descriptors.Generic, location, "generic type '" + Display(type.OriginalDefinition) + "'"));
                return false;
            }

            if (allowList != null && !allowList.AllowsType(TypeKey(type)))
            {
                report(Diagnostic.Create(Descriptors.NotInAllowList, location, TypeKey(type)));
                return false;
            }

            return true;
        }

        /// <summary>Nullable&lt;T&gt;, tuples, spans and tasks get their own, clearer diagnostic than "generic".</summary>
        public bool RefuseSpecialType(INamedTypeSymbol type, Location location, Action<Diagnostic> report)
        {
            var definition = type.OriginalDefinition;
            if (definition.SpecialType == SpecialType.System_Nullable_T)
            {
                report(Diagnostic.Create(Descriptors.Nullable, location, "nullable value type '" + type.ToDisplayString() + "'"));
                return true;
            }

            if (type.IsTupleType)
            {
                report(Diagnostic.Create(Descriptors.Tuple, location, "tuple type '" + type.ToDisplayString() + "'"));
                return true;
            }

            var key = TypeKey(definition);
            switch (key)
            {
                case "System.Span":
                case "System.ReadOnlySpan":
                case "System.Memory":
                case "System.ReadOnlyMemory":
                    report(Diagnostic.Create(Descriptors.Span, location, "'" + Display(definition) + "'"));
                    return true;
                case "System.Threading.Tasks.Task":
                case "System.Threading.Tasks.ValueTask":
                    report(Diagnostic.Create(Descriptors.Async, location, "'" + Display(definition) + "'"));
                    return true;
                case "System.ValueTuple":
                case "System.Tuple":
                    report(Diagnostic.Create(Descriptors.Tuple, location, "'" + Display(definition) + "'"));
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Checks a method, property, field or event the device code uses.</summary>
        public void CheckMember(ISymbol member, Location location, Action<Diagnostic> report, bool skipGenericCheck)
        {
            var method = member as IMethodSymbol;
            if (method != null)
            {
                if (method.MethodKind == MethodKind.BuiltinOperator || method.MethodKind == MethodKind.AnonymousFunction
                    || method.MethodKind == MethodKind.LocalFunction || method.MethodKind == MethodKind.FunctionPointerSignature)
                {
                    return;
                }

                member = method = method.ReducedFrom ?? method;
            }

            var containing = member.ContainingType;
            if (containing == null || containing.IsTupleType || !IsLibrary(member))
            {
                return;
            }

            if (method != null && method.MethodKind == MethodKind.DelegateInvoke)
            {
                return; // invoking a delegate is always possible; its type was checked where it was named
            }

            if (!skipGenericCheck)
            {
                if (method != null && method.IsGenericMethod && IsDesktopGenericOverload(method, containing))
                {
                    return; // judged as the listed non-generic overload nanoFramework binds to
                }

                if (method != null && method.IsGenericMethod)
                {
                    var descriptor = IsLinq(containing) ? Descriptors.Linq : Descriptors.Generic;
                    report(Diagnostic.Create(descriptor, location, "generic method '" + Display(method.OriginalDefinition) + "'"));
                    return;
                }

                if (IsGeneric(containing))
                {
                    if (!RefuseSpecialType(containing, location, report))
                    {
                        report(Diagnostic.Create(Descriptors.Generic, location,
                            "member '" + member.Name + "' of generic type '" + Display(containing.OriginalDefinition) + "'"));
                    }

                    return;
                }
            }

            if (allowList == null)
            {
                return;
            }

            var typeKey = TypeKey(containing);
            var memberName = MemberName(member);
            if (!allowList.AllowsMember(typeKey, memberName, () => Parameters(member)))
            {
                var descriptor = IsLinq(containing) ? Descriptors.Linq : Descriptors.NotInAllowList;
                var argument = descriptor == Descriptors.Linq ? "'" + typeKey + "." + memberName + "'" : typeKey + "." + memberName;
                report(Diagnostic.Create(descriptor, location, argument));
            }
        }

        /// <summary>
        /// The desktop library sometimes adds a generic overload that C# prefers (Array.IndexOf&lt;T&gt;(T[], T) over
        /// IndexOf(Array, object)); nanoFramework binds the same call to the non-generic one. Such a call, written without
        /// type arguments, is judged as the non-generic overload.
        /// </summary>
        private bool IsDesktopGenericOverload(IMethodSymbol method, INamedTypeSymbol containing)
        {
            if (allowList == null || method.TypeArguments.Length == 0)
            {
                return false;
            }

            var typeKey = TypeKey(containing);
            foreach (var candidate in containing.GetMembers(method.Name))
            {
                var other = candidate as IMethodSymbol;
                if (other != null && !other.IsGenericMethod && other.Parameters.Length == method.Parameters.Length
                    && other.IsStatic == method.IsStatic && allowList.AllowsMember(typeKey, other.Name, () => Parameters(other)))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly SymbolDisplayFormat ParameterTypeFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>The parameter list as the allow-list writes it: "ref int, int".</summary>
        public static string Parameters(ISymbol member)
        {
            var parameters = member is IMethodSymbol m ? m.Parameters
                : member is IPropertySymbol p ? p.Parameters
                : System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
            var parts = new string[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var prefix = parameters[i].RefKind == RefKind.Ref ? "ref "
                    : parameters[i].RefKind == RefKind.Out ? "out "
                    : parameters[i].RefKind == RefKind.In ? "in " : string.Empty;
                parts[i] = prefix + parameters[i].Type.ToDisplayString(ParameterTypeFormat);
            }

            return string.Join(", ", parts);
        }

        /// <summary>True when the symbol comes from a library rather than from the firmware's own sources.</summary>
        public bool IsLibrary(ISymbol symbol)
        {
            var assembly = symbol.ContainingAssembly;
            if (assembly == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
            {
                if (scope.IsWholeCompilation)
                {
                    return false;
                }

                // Scoped build (e.g. the desktop test bridge): code of this compilation outside the device folders is a
                // stand-in for a nanoFramework package and is held to the allow-list like one. A member the compiler
                // declares (a class's implicit default constructor) has no syntax of its own: judge it by its type.
                var declared = symbol.IsImplicitlyDeclared && symbol.ContainingType != null ? symbol.ContainingType : symbol;
                foreach (var reference in declared.DeclaringSyntaxReferences)
                {
                    if (scope.Covers(reference.SyntaxTree))
                    {
                        return false;
                    }
                }

                return true;
            }

            var name = assembly.Name;
            return !(name == "GroundStation" || name.StartsWith("GroundStation.", StringComparison.Ordinal));
        }

        public string TypeKey(INamedTypeSymbol type)
        {
            return typeKeys.GetOrAdd(type.OriginalDefinition, ComputeTypeKey);
        }

        private static string ComputeTypeKey(ISymbol symbol)
        {
            var name = symbol.Name;
            for (var outer = symbol.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.Name + "." + name;
            }

            var ns = symbol.ContainingNamespace;
            return ns == null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }

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

        public static string Display(ISymbol symbol)
        {
            return symbol.ToDisplayString(ShortGenericFormat);
        }

        private static bool IsGeneric(INamedTypeSymbol type)
        {
            for (var t = type; t != null; t = t.ContainingType)
            {
                if (t.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsLinq(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            return ns != null && (ns.ToDisplayString() == "System.Linq" || ns.ToDisplayString().StartsWith("System.Linq.", StringComparison.Ordinal));
        }
    }
}
