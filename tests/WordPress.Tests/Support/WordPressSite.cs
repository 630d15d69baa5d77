using System.Text.Json;
using K2Orleans.TestSupport;
using MySqlConnector;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// A throwaway WordPress: Debian's package (/usr/share/wordpress) installed by its own wp_install() into a fresh
/// database on the test MariaDB, with its own content folder holding the plugin as clients/wordpress/build.sh
/// assembles it, activated. The daemon gets an account with only the grants docs/wordpress.md asks for.
/// </summary>
public sealed class WordPressSite : IAsyncDisposable
{
    /// <summary>Not WordPress's default, so the poller's prefix option is really used.</summary>
    public const string TablePrefix = "k2wp_";

    private const string WordPressRoot = "/usr/share/wordpress/wp-settings.php";
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> environment;

    private WordPressSite(TestDatabase database, string folder, string daemonConnectionString)
    {
        this.database = database;
        Folder = folder;
        DaemonConnectionString = daemonConnectionString;
        var admin = new MySqlConnectionStringBuilder(database.ConnectionString);
        environment = new Dictionary<string, string?>
        {
            ["K2_WP_DB_HOST"] = $"{admin.Server}:{admin.Port}",
            ["K2_WP_DB_NAME"] = database.Name,
            ["K2_WP_DB_USER"] = admin.UserID,
            ["K2_WP_DB_PASSWORD"] = admin.Password,
            ["K2_WP_TABLE_PREFIX"] = TablePrefix,
            ["K2_WP_CONTENT_DIR"] = ContentFolder,
        };
    }

    public string Folder { get; }

    /// <summary>The database and content folder as wp-driver.php reads them (K2_WP_* variables), for a wp-config of another front end.</summary>
    public IReadOnlyDictionary<string, string?> Environment => environment;

    public string ContentFolder => Path.Combine(Folder, "wp-content");

    /// <summary>The daemon's asset root, where docs/wordpress.md suggests: under uploads.</summary>
    public string AssetRoot => Path.Combine(ContentFolder, "uploads", "k2-assets");

    /// <summary>The daemon's output root; the plugin's default images URL points here.</summary>
    public string OutputRoot => Path.Combine(ContentFolder, "uploads", "k2-trophies");

    /// <summary>The daemon's account: SELECT on posts, SELECT, INSERT, UPDATE on postmeta, nothing else.</summary>
    public string DaemonConnectionString { get; }

    public string DaemonUser => new MySqlConnectionStringBuilder(DaemonConnectionString).UserID;

    public static async Task<WordPressSite> CreateAsync()
    {
        if (!File.Exists(WordPressRoot))
        {
            throw new InvalidOperationException("WordPress is not installed: the tests need Debian's wordpress package (./scripts/test.sh installs it)");
        }

        var server = await MariaDbServer.GetSharedAsync();
        var database = await server.CreateDatabaseAsync("wp");
        var folder = Directory.CreateTempSubdirectory("k2-wordpress-").FullName;
        var daemonUser = $"k2d_{Guid.NewGuid():N}"[..16];
        var daemonPassword = Guid.NewGuid().ToString("N");
        var daemon = new MySqlConnectionStringBuilder(database.ConnectionString) { UserID = daemonUser, Password = daemonPassword }.ConnectionString;
        var site = new WordPressSite(database, folder, daemon);
        try
        {
            await site.BuildPluginAsync();
            foreach (var sample in new[] { "classic-cup", "grand-prix" })
            {
                CopyFolder(Repository.Path("samples", sample, "assets"), Path.Combine(site.AssetRoot, sample, "assets"));
            }

            await site.RunJsonAsync("install");
            Assert.True((await site.RunJsonAsync("activate")).GetProperty("active").GetBoolean());

            // Nothing listens there: no test talks to a daemon that happens to run on this machine's default port.
            await site.SetBridgeAsync(ClosedPort.Find());
            await site.ExecuteAsync($"CREATE USER '{daemonUser}'@'%' IDENTIFIED BY '{daemonPassword}'");
            await site.ExecuteAsync($"GRANT SELECT ON `{database.Name}`.`{TablePrefix}posts` TO '{daemonUser}'@'%'");
            await site.ExecuteAsync($"GRANT SELECT, INSERT, UPDATE ON `{database.Name}`.`{TablePrefix}postmeta` TO '{daemonUser}'@'%'");
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a wp-driver.php command; a non-zero exit fails the test with PHP's errors.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, "Php", "wp-driver.php");
        var result = await ProcessRunner.RunAsync(Php.Program, [driver, .. arguments], environment, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            Assert.Fail($"wp-driver.php {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Stderr}\n{result.Stdout}");
        }

        return result.Stdout;
    }

    public async Task<JsonElement> RunJsonAsync(params string[] arguments) =>
        JsonDocument.Parse(await RunAsync(arguments)).RootElement.Clone();

    /// <summary>
    /// Creates a trophy through wp_insert_post and update_post_meta, as the API would: no capability or spec check,
    /// so tests can set up what the editor's screens would refuse.
    /// </summary>
    /// <param name="status">WordPress's post_status.</param>
    /// <param name="author">The author's login; a user of that name and role is made when missing.</param>
    public async Task<long> CreateTrophyAsync(string title, string specJson, string status = "publish", string author = "admin") =>
        (await RunJsonAsync("create-trophy", title, await WriteFileAsync(specJson), status, author)).GetProperty("post_id").GetInt64();

    /// <summary>Writes text to a new file in the site's folder, for commands that take a file.</summary>
    public async Task<string> WriteFileAsync(string text)
    {
        var file = Path.Combine(Folder, $"text-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    /// <summary>Points the plugin's settings at a status bridge on 127.0.0.1.</summary>
    public Task SetBridgeAsync(int port) => RunAsync("set-bridge", "127.0.0.1", $"{port}");

    /// <summary>Presses a K2 Builds button: the plugin's admin-post handler with the request the button sends.</summary>
    public Task<JsonElement> PressAsync(long post, string action, string user = "admin", bool badNonce = false) =>
        badNonce ? RunJsonAsync("press", $"{post}", action, user, "bad-nonce") : RunJsonAsync("press", $"{post}", action, user);

    /// <summary>The post's K2 meta rows, read straight from the database.</summary>
    public async Task<PostMeta> MetaAsync(long post)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            $"SELECT meta_key, meta_value FROM `{TablePrefix}postmeta` WHERE post_id = @post AND meta_key LIKE '\\_k2\\_%' ORDER BY meta_id", connection);
        command.Parameters.AddWithValue("post", post);
        var rows = new Dictionary<string, List<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (!rows.TryGetValue(key, out var values))
            {
                rows[key] = values = [];
            }

            values.Add(reader.IsDBNull(1) ? "" : reader.GetString(1));
        }

        return new PostMeta(rows.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value));
    }

    public Task<PostMeta> WaitForAsync(long post, Func<PostMeta, bool> condition, TimeSpan timeout, string what) =>
        WaitFor.ValueAsync($"post {post}: {what}", () => MetaAsync(post), condition, timeout);

    /// <summary>Runs SQL as the database's admin, for set-up the tests cannot do through WordPress.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP USER IF EXISTS '{DaemonUser}'@'%'");
        }
        catch (MySqlException)
        {
            // The server may be gone already; its data goes with it.
        }

        await database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A silo still writing an image; the temp folder is cleaned up by the system eventually.
        }
    }

    private async Task BuildPluginAsync()
    {
        var plugins = Path.Combine(ContentFolder, "plugins");
        Directory.CreateDirectory(plugins);
        var build = await ProcessRunner.RunAsync("/bin/bash", [Repository.Path("clients", "wordpress", "build.sh"), plugins], timeout: TimeSpan.FromSeconds(60));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"clients/wordpress/build.sh failed with {build.ExitCode}: {build.Stderr}");
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
