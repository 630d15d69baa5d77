using System.Runtime.CompilerServices;

// The pure parts of `k2-bench run` (figures, /usr/bin/time and /proc parsing, the results writer) are unit-tested.
[assembly: InternalsVisibleTo("K2Orleans.Bench.Tests")]
