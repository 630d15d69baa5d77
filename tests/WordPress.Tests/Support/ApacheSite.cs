using System.Diagnostics;
using K2Orleans.TestSupport;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// A private Debian apache2 with mod_php serving a <see cref="WordPressSite"/> on a free loopback port: its own config
/// file, ServerRoot, PidFile and logs in a temp folder (never the system service). The front end is WordPress's own
/// (index.php does what wp-blog-header.php does, with the site's settings where Debian's wp-config.php would look in
/// /etc/wordpress), /wp-content/ is the site's content folder, and /k2-images/ is images-endpoint.md's Apache recipe:
/// the output folder first, a miss proxied to the silo's image endpoint. With <c>admin</c>, wp-admin and wp-login.php
/// are served too, for tests that log in.
/// </summary>
public sealed class ApacheSite : IDisposable
{
    private const string Apache = "/usr/sbin/apache2";
    private const string Modules = "/usr/lib/apache2/modules";
    private readonly TempDirectory folder = new();
    private Process? process;

    private ApacheSite(int port) => Port = port;

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string ErrorLog => File.Exists(Path.Combine(folder.Path, "error.log")) ? File.ReadAllText(Path.Combine(folder.Path, "error.log")) : "";

    /// <param name="imagesPort">The silo's image endpoint, where /k2-images/ misses go.</param>
    /// <param name="admin">Serve wp-admin and wp-login.php too (see <see cref="WriteAdminRoot"/>).</param>
    public static async Task<ApacheSite> StartAsync(WordPressSite site, int imagesPort, bool admin = false)
    {
        if (!File.Exists(Apache) || !File.Exists(Path.Combine(Modules, "libphp8.2.so")) && !Directory.EnumerateFiles(Modules, "libphp*.so").Any())
        {
            throw new InvalidOperationException("apache2 with mod_php is not installed: the tests need apache2 and libapache2-mod-php (./scripts/test.sh installs them)");
        }

        var apache = new ApacheSite(FreeTcpPort.Next());
        try
        {
            await apache.RunAsync(site, imagesPort, admin);
            return apache;
        }
        catch
        {
            apache.Dispose();
            throw;
        }
    }

    private async Task RunAsync(WordPressSite site, int imagesPort, bool admin)
    {
        var port = Port;
        var root = Path.Combine(folder.Path, "htdocs");
        Directory.CreateDirectory(root);
        var env = site.Environment;
        var url = $"http://127.0.0.1:{port}";
        await File.WriteAllTextAsync(Path.Combine(root, "index.php"), $$"""
            <?php
            // The site's wp-config for this front end, then what wp-blog-header.php does.
            define( 'DB_NAME', '{{env["K2_WP_DB_NAME"]}}' );
            define( 'DB_USER', '{{env["K2_WP_DB_USER"]}}' );
            define( 'DB_PASSWORD', '{{env["K2_WP_DB_PASSWORD"]}}' );
            define( 'DB_HOST', '{{env["K2_WP_DB_HOST"]}}' );
            define( 'DB_CHARSET', 'utf8mb4' );
            define( 'DB_COLLATE', '' );
            define( 'ABSPATH', '/usr/share/wordpress/' );
            define( 'WP_CONTENT_DIR', '{{env["K2_WP_CONTENT_DIR"]}}' );
            define( 'WP_CONTENT_URL', '{{url}}/wp-content' );
            define( 'WP_HOME', '{{url}}' );
            define( 'WP_SITEURL', '{{url}}' );
            define( 'DISABLE_WP_CRON', true );
            define( 'WP_HTTP_BLOCK_EXTERNAL', true );
            define( 'AUTOMATIC_UPDATER_DISABLED', true );
            foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as $k2_key ) {
                define( $k2_key, 'k2-test-' . $k2_key );
            }
            $table_prefix = '{{env["K2_WP_TABLE_PREFIX"]}}';
            define( 'WP_USE_THEMES', true );
            require_once ABSPATH . 'wp-settings.php';
            wp();
            require_once ABSPATH . WPINC . '/template-loader.php';
            """);
        var prepend = admin ? WriteAdminRoot(root) : "";
        var php = Directory.EnumerateFiles(Modules, "libphp*.so").First();
        var user = Environment.UserName == "root" ? "User www-data\nGroup www-data" : "";
        var config = Path.Combine(folder.Path, "httpd.conf");
        await File.WriteAllTextAsync(config, $$"""
            ServerRoot "{{folder.Path}}"
            ServerName 127.0.0.1
            Listen 127.0.0.1:{{port}}
            PidFile "{{folder.Path}}/httpd.pid"
            ErrorLog "{{folder.Path}}/error.log"
            LogLevel warn
            Mutex file:{{folder.Path}}
            DefaultRuntimeDir "{{folder.Path}}"
            {{user}}
            LoadModule mpm_prefork_module {{Modules}}/mod_mpm_prefork.so
            LoadModule authz_core_module {{Modules}}/mod_authz_core.so
            LoadModule mime_module {{Modules}}/mod_mime.so
            LoadModule dir_module {{Modules}}/mod_dir.so
            LoadModule alias_module {{Modules}}/mod_alias.so
            LoadModule rewrite_module {{Modules}}/mod_rewrite.so
            LoadModule headers_module {{Modules}}/mod_headers.so
            LoadModule proxy_module {{Modules}}/mod_proxy.so
            LoadModule proxy_http_module {{Modules}}/mod_proxy_http.so
            LoadModule proxy_balancer_module {{Modules}}/mod_proxy_balancer.so
            LoadModule slotmem_shm_module {{Modules}}/mod_slotmem_shm.so
            LoadModule lbmethod_byrequests_module {{Modules}}/mod_lbmethod_byrequests.so
            LoadModule php_module {{php}}
            {{prepend}}
            StartServers 2
            MaxRequestWorkers 8
            TypesConfig /etc/mime.types
            AddType image/svg+xml .svg
            DocumentRoot "{{root}}"
            DirectoryIndex index.php
            <FilesMatch "\.php$">
                SetHandler application/x-httpd-php
            </FilesMatch>
            <Directory "{{root}}">
                Require all granted
            </Directory>
            Alias "/wp-includes/" "/usr/share/wordpress/wp-includes/"
            <Directory "/usr/share/wordpress/wp-includes">
                Require all granted
            </Directory>

            # docs/wordpress.md: the output folder as static files with a long cache lifetime.
            <Directory "{{site.OutputRoot}}">
                Require all granted
                Options -Indexes
                Header set Cache-Control "public, max-age=604800"
            </Directory>
            Alias "/wp-content/" "{{site.ContentFolder}}/"
            <Directory "{{site.ContentFolder}}">
                Require all granted
                Options -Indexes
                <FilesMatch "\.php$">
                    Require all denied
                </FilesMatch>
            </Directory>

            # images-endpoint.md's recipe: on disk first, a miss rendered by a silo.
            <Proxy "balancer://k2images">
                BalancerMember "http://127.0.0.1:{{imagesPort}}"
            </Proxy>
            Alias "/k2-images/" "{{site.OutputRoot}}/"
            <Directory "{{site.OutputRoot}}">
                RewriteEngine On
                RewriteCond %{REQUEST_URI} ^/k2-images/
                RewriteCond %{REQUEST_FILENAME} !-f
                RewriteRule "^(.*)$" "balancer://k2images/images/$1" [P,L]
            </Directory>
            """);

        // Apache's children run as www-data when started as root: they must be able to read the site's temp folders.
        foreach (var path in new[] { folder.Path, root, site.Folder, site.ContentFolder, site.OutputRoot })
        {
            Directory.CreateDirectory(path);
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            }
        }

        var start = new ProcessStartInfo(Apache) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-f", config, "-DFOREGROUND" })
        {
            start.ArgumentList.Add(argument);
        }

        var started = process = Process.Start(start) ?? throw new InvalidOperationException("apache2 did not start");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitFor.ConditionAsync($"apache2 on port {port} to answer (log: {ErrorLog})", async () =>
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"apache2 exited with {started.ExitCode}: {await started.StandardError.ReadToEndAsync()} {ErrorLog}");
            }

            try
            {
                using var response = await http.GetAsync($"{url}/wp-includes/version.php");
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Makes the document root a WordPress of its own for wp-admin: every file of Debian's package linked in, and a
    /// wp-config.php with the site's settings. wp-admin's scripts find wp-load.php by their real path, in
    /// /usr/share/wordpress, whose wp-config.php wants /etc/wordpress; a prepended ABSPATH sends them here instead,
    /// so nothing outside the test's folder is written.
    /// </summary>
    /// <returns>The Apache line that prepends the ABSPATH file.</returns>
    private string WriteAdminRoot(string root)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries("/usr/share/wordpress"))
        {
            var name = Path.GetFileName(entry);
            if (name is not ("wp-config.php" or "index.php" or "wp-content"))
            {
                File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        var config = File.ReadAllText(Path.Combine(root, "index.php"))
            .Replace("define( 'ABSPATH', '/usr/share/wordpress/' );", "", StringComparison.Ordinal)
            .Replace("define( 'WP_USE_THEMES', true );", "define( 'CONCATENATE_SCRIPTS', false );", StringComparison.Ordinal)
            .Replace("wp();\nrequire_once ABSPATH . WPINC . '/template-loader.php';", "", StringComparison.Ordinal);
        // The front end's file is the template: had its lines changed, the admin would render the front page instead.
        if (config.Contains("template-loader", StringComparison.Ordinal) || config.Contains("ABSPATH', '/usr/share", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the front end's index.php no longer has the lines the admin's wp-config.php leaves out");
        }

        File.WriteAllText(Path.Combine(root, "wp-config.php"), config);
        File.WriteAllText(Path.Combine(root, "index.php"), "<?php\ndefine( 'WP_USE_THEMES', true );\nrequire ABSPATH . 'wp-blog-header.php';\n");
        var prepend = Path.Combine(folder.Path, "abspath.php");
        File.WriteAllText(prepend, $"<?php\ndefine( 'ABSPATH', '{root}/' );\n");
        return $"php_value auto_prepend_file \"{prepend}\"";
    }

    public void Dispose()
    {
        // Our own apache2 only (the parent of its children, which it stops on SIGTERM), never the system's.
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        folder.Dispose();
    }
}
