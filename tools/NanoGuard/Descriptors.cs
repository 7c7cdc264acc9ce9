using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The guard's diagnostics. All are errors: a device source that trips one would either not compile against the
    /// stable nanoFramework 1.x libraries, be rejected by the MetadataProcessor when the device image is built, or
    /// compute something else on the interpreter (nanoCLR) than on the desktop.
    /// The message names the construct; the location gives file and line.
    /// </summary>
    internal static class Descriptors
    {
        private const string Category = "nanoFramework";
        private const string Tail = " is not available on nanoFramework 1.x";

        public static readonly DiagnosticDescriptor Generic = Make("NANO001", "Generics",
            "{0}" + Tail + " (stable CoreLibrary 1.17 has no generics: use arrays, ArrayList, Hashtable, delegates)");

        public static readonly DiagnosticDescriptor Linq = Make("NANO002", "LINQ",
            "{0}" + Tail + " (no System.Linq: write the loop)");

        public static readonly DiagnosticDescriptor Async = Make("NANO003", "async/await",
            "{0}" + Tail + " (no Task: use Thread, Timer or events)");

        public static readonly DiagnosticDescriptor Record = Make("NANO004", "Records",
            "{0}" + Tail + " (write a class or struct)");

        public static readonly DiagnosticDescriptor Tuple = Make("NANO005", "Tuples",
            "{0}" + Tail + " (System.ValueTuple is generic: use a struct or out parameters)");

        public static readonly DiagnosticDescriptor Nullable = Make("NANO006", "Nullable value types",
            "{0}" + Tail + " (no System.Nullable<T>: use a sentinel value or a bool flag)");

        public static readonly DiagnosticDescriptor MultiDimensionalArray = Make("NANO007", "Multi-dimensional arrays",
            "{0}" + Tail + " (use a jagged array T[][] or index a flat array)");

        public static readonly DiagnosticDescriptor Span = Make("NANO008", "Span and stackalloc",
            "{0}" + Tail + " (use byte[] with offset/count; byte[] converts to SpanByte on the device)");

        public static readonly DiagnosticDescriptor Init = Make("NANO009", "init accessors",
            "{0}" + Tail + " (needs IsExternalInit: use a constructor or a get-only property)");

        public static readonly DiagnosticDescriptor Dynamic = Make("NANO010", "dynamic",
            "{0}" + Tail + " (no Microsoft.CSharp runtime binder)");

        public static readonly DiagnosticDescriptor Unsafe = Make("NANO011", "Unsafe code",
            "{0}" + Tail + " (the interpreter has no pointers)");

        public static readonly DiagnosticDescriptor LanguageVersion = Make("NANO012", "Language version",
            "{0}" + Tail + " (the nanoFramework project system compiles C# 9)");

        public static readonly DiagnosticDescriptor InterfaceMember = Make("NANO013", "Interface implementations",
            "{0}" + Tail + " (interfaces may only declare abstract instance members)");

        public static readonly DiagnosticDescriptor NotInAllowList = Make("NANO014", "API the device does not have",
            "'{0}' is not on the device: neither in nanoFramework's mscorlib 1.17.11 nor in the allow-list of the other packages (tools/NanoGuard/nanoframework-api.txt)");

        public static readonly DiagnosticDescriptor OtherOverload = Make("NANO019", "Same source, other overload",
            "'{0}' does not exist on nanoFramework, so this line binds to another overload there or fails; the device has: {1}. Write the call so both targets bind the same member");

        public static readonly DiagnosticDescriptor CompilerRequiredType = Make("NANO020", "Compiler-required type missing",
            "{0} needs '{1}', which nanoFramework's mscorlib 1.17.11 does not have, so the device build fails ({2})");

        public static readonly DiagnosticDescriptor SignReinterpretCast = Make("NANO021", "Signed/unsigned reinterpretation",
            "cast '{0}' reinterprets {1} as {2} without an IL conversion: nanoCLR keeps the {3} type tag, so '>>', '%' and conversions of the result follow it. Use GroundStation.Hal.Reinterpret (firmware/DEVICE_CODING.md)");

        public static readonly DiagnosticDescriptor ZeroExtendedSigned = Make("NANO022", "Zero-extended value typed signed",
            "'{0}' widens {1} to {2} with conv.u8, which nanoCLR tags unsigned; {3}, so a negative result would shift and divide as unsigned on the device. Store it in a field first or use Reinterpret.Widen (firmware/DEVICE_CODING.md)");

        public static readonly DiagnosticDescriptor CheckedArithmetic = Make("NANO023", "checked arithmetic",
            "{0}: nanoCLR does not check overflow (add.ovf, mul.ovf and conv.ovf wrap silently), so the desktop's OverflowException never happens on the device. Test the range explicitly");

        public static readonly DiagnosticDescriptor TwinBinding = Make("NANO024", "Desktop and device bind differently",
            "this line binds to '{0}' on nanoFramework but to '{1}' on the desktop, converting an argument differently ({2}): same source, other meaning");

        public static readonly DiagnosticDescriptor Iterator = Make("NANO015", "Iterators",
            "{0}" + Tail + " (the compiler implements iterators with IEnumerable<T>: return an array or write an IEnumerator class)");

        public static readonly DiagnosticDescriptor IndexRange = Make("NANO016", "Index and range",
            "{0}" + Tail + " (no System.Index/System.Range: compute the index)");

        public static readonly DiagnosticDescriptor CovariantReturn = Make("NANO017", "Covariant returns",
            "{0}" + Tail + " (the runtime cannot load covariant overrides: return the base type)");

        public static readonly DiagnosticDescriptor FormatString = Make("NANO018", "Numeric format strings",
            "{0}" + Tail + " (nanoFramework formats only the standard specifiers D, X, N, F, G with an optional precision)");

        public static readonly DiagnosticDescriptor MissingAllowList = new DiagnosticDescriptor("NANO000",
            "nanoFramework device API missing",
            "The device API cannot be read, so device sources cannot be checked: {0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);

        private static DiagnosticDescriptor Make(string id, string title, string message)
        {
            return new DiagnosticDescriptor(id, "nanoFramework: " + title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                description: "Device sources must compile and run on stable nanoFramework 1.x (CoreLibrary 1.17). See tools/NanoGuard/README.md.");
        }
    }
}
