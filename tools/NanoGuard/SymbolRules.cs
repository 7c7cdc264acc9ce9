using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// Judges one referenced symbol: generic, nullable, tuple, span or dynamic types are refused outright; anything
    /// else that comes from a library (a metadata reference other than GroundStation.*) must exist on the device with
    /// the same signature (<see cref="NanoSurface"/>: the real mscorlib, the allow-list for the other packages).
    /// </summary>
    internal sealed class SymbolRules
    {
        private static readonly SymbolDisplayFormat ShortGenericFormat = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private readonly Compilation compilation;
        private readonly NanoSurface surface;
        private readonly DeviceScope scope;
        private readonly ConcurrentDictionary<ISymbol, string> typeKeys = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);

        /// <param name="surface">The device API; null when it could not be loaded (NANO000 is reported instead).</param>
        public SymbolRules(Compilation compilation, NanoSurface surface, DeviceScope scope)
        {
            this.compilation = compilation;
            this.surface = surface;
            this.scope = scope;
        }

        public NanoSurface Surface => surface;

        /// <summary>Checks any symbol a name, constructor call, operator or foreach binds to.</summary>
        public void Check(ISymbol symbol, Location location, Action<Diagnostic> report,
            INamedTypeSymbol receiver = null, MemberAccess access = MemberAccess.Read)
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
                    CheckMember(symbol, location, report, skipGenericCheck: false, receiver: receiver, access: access);
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

            if (surface != null && !surface.HasType(type))
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
        public void CheckMember(ISymbol member, Location location, Action<Diagnostic> report, bool skipGenericCheck,
            INamedTypeSymbol receiver = null, MemberAccess access = MemberAccess.Read)
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

            if (surface == null)
            {
                return;
            }

            var typeKey = TypeKey(containing);
            if (IsLinq(containing))
            {
                report(Diagnostic.Create(Descriptors.Linq, location, "'" + typeKey + "." + TypeKeys.MemberName(member) + "'"));
                return;
            }

            System.Collections.Generic.List<string> deviceOverloads;
            if (surface.HasMember(member, receiver != null && IsLibrary(receiver) ? receiver : null, access, out deviceOverloads))
            {
                return;
            }

            var desktop = typeKey + "." + TypeKeys.Signature(member);
            if (method != null && deviceOverloads != null && deviceOverloads.Count > 0)
            {
                // Same source, other meaning: the device has the member, but not this overload, so the line compiles
                // there to another one (Math.Max(long, long) becomes Max(double, double)) or not at all.
                report(Diagnostic.Create(Descriptors.OtherOverload, location, desktop, string.Join("; ", deviceOverloads)));
                return;
            }

            report(Diagnostic.Create(Descriptors.NotInAllowList, location, member is IPropertySymbol && access != MemberAccess.Read
                ? desktop + " (written)" : desktop));
        }

        /// <summary>
        /// The desktop library sometimes adds a generic overload that C# prefers (Array.IndexOf&lt;T&gt;(T[], T) over
        /// IndexOf(Array, object)); nanoFramework binds the same call to the non-generic one. Such a call, written without
        /// type arguments, is judged as the non-generic overload.
        /// </summary>
        private bool IsDesktopGenericOverload(IMethodSymbol method, INamedTypeSymbol containing)
        {
            if (surface == null || method.TypeArguments.Length == 0)
            {
                return false;
            }

            foreach (var candidate in containing.GetMembers(method.Name))
            {
                var other = candidate as IMethodSymbol;
                System.Collections.Generic.List<string> unused;
                if (other != null && !other.IsGenericMethod && other.Parameters.Length == method.Parameters.Length
                    && other.IsStatic == method.IsStatic && surface.HasMember(other, null, MemberAccess.Read, out unused))
                {
                    return true;
                }
            }

            return false;
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
            return typeKeys.GetOrAdd(type.OriginalDefinition, TypeKeys.Of);
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
