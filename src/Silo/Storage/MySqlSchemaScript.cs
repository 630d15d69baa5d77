using System.Reflection;
using System.Text.RegularExpressions;

namespace K2Orleans.Silo.Storage;

/// <summary>One of the project's MySQL scripts (sql/mysql), embedded in the silo assembly.</summary>
internal sealed partial record MySqlSchemaScript(string Name, string Text)
{
    private const string ResourcePrefix = "K2Orleans.Sql.MySql.";

    /// <summary>The tables this script creates when they are missing.</summary>
    public IReadOnlyList<string> Tables { get; } =
        [.. CreateTablePattern().Matches(Text).Select(match => match.Groups[1].Value)];

    /// <summary>All embedded scripts in the order they must run (by file name: 00-main.sql first).</summary>
    public static IReadOnlyList<MySqlSchemaScript> LoadAll()
    {
        var assembly = typeof(MySqlSchemaScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MySqlSchemaScript(name[ResourcePrefix.Length..], ReadResource(assembly, name)))
            .ToList();
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"The silo assembly embeds no MySQL schema scripts (resources '{ResourcePrefix}*'); the build of src/Silo is broken.");
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' vanished.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+`?(\w+)`?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateTablePattern();
}
