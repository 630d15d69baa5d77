using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("K2Orleans.Silo.Tests")]
