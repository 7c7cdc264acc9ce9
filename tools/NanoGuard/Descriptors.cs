using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The guard's diagnostics. All are errors: a device source that trips one would either not compile against the
    /// stable nanoFramework 1.x libraries or be rejected by the MetadataProcessor when the device image is built.
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

        public static readonly DiagnosticDescriptor NotInAllowList = Make("NANO014", "API outside the allow-list",
            "'{0}' is not in the nanoFramework API allow-list (tools/NanoGuard/nanoframework-api.txt)");

        public static readonly DiagnosticDescriptor Iterator = Make("NANO015", "Iterators",
            "{0}" + Tail + " (the compiler implements iterators with IEnumerable<T>: return an array or write an IEnumerator class)");

        public static readonly DiagnosticDescriptor IndexRange = Make("NANO016", "Index and range",
            "{0}" + Tail + " (no System.Index/System.Range: compute the index)");

        public static readonly DiagnosticDescriptor CovariantReturn = Make("NANO017", "Covariant returns",
            "{0}" + Tail + " (the runtime cannot load covariant overrides: return the base type)");

        public static readonly DiagnosticDescriptor FormatString = Make("NANO018", "Numeric format strings",
            "{0}" + Tail + " (nanoFramework formats only the standard specifiers D, X, N, F, G with an optional precision)");

        public static readonly DiagnosticDescriptor MissingAllowList = new DiagnosticDescriptor("NANO000",
            "nanoFramework allow-list missing",
            "The nanoFramework API allow-list '{0}' is not among the AdditionalFiles of this project, so device sources cannot be checked",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);

        private static DiagnosticDescriptor Make(string id, string title, string message)
        {
            return new DiagnosticDescriptor(id, "nanoFramework: " + title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                description: "Device sources must compile and run on stable nanoFramework 1.x (CoreLibrary 1.17). See tools/NanoGuard/README.md.");
        }
    }
}
