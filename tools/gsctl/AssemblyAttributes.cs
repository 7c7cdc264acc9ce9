using System.Runtime.CompilerServices;

// The gsctl tests drive the internal readers, writers and command builders directly.
[assembly: InternalsVisibleTo("Gsctl.Tests")]
