using System.Runtime.CompilerServices;

// The tests check the field arithmetic (Goldilocks, Mersenne127) against BigInteger directly.
[assembly: InternalsVisibleTo("PostProcessing.Tests")]
