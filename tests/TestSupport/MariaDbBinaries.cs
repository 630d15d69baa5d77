namespace K2Orleans.TestSupport;

/// <summary>Where the MariaDB server and its data-directory initialiser are installed.</summary>
internal sealed record MariaDbBinaries(string Server, string InstallDb)
{
    // Debian puts mariadbd in /usr/sbin, which is often missing from a non-login PATH.
    private static readonly string[] WellKnownDirectories =
        ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin"];

    public static MariaDbBinaries Locate()
    {
        var server = Find("mariadbd", "mysqld");
        var installDb = Find("mariadb-install-db", "mysql_install_db");
        if (server is null || installDb is null)
        {
            throw new InvalidOperationException(
                "The MariaDB server binaries (mariadbd and mariadb-install-db) were not found in PATH or in "
                + string.Join(", ", WellKnownDirectories)
                + ". Run ./scripts/test.sh, which installs mariadb-server, or set "
                + MariaDbServer.ExternalServerVariable + " to the admin connection string of an existing server.");
        }

        return new MariaDbBinaries(server, installDb);
    }

    private static string? Find(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(WellKnownDirectories);
        return names
            .SelectMany(name => directories.Select(directory => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
