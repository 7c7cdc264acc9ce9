using System.Runtime.CompilerServices;

// The tests drive the sans-IO engine and the pad schedule directly (virtual time, exact key accounting).
[assembly: InternalsVisibleTo("Peer.Tests")]
