using System.Diagnostics;
using MySqlConnector;

namespace K2Orleans.TestSupport;

/// <summary>
/// The MariaDB server the tests run against: by default a throwaway server that the test process
/// starts on first use (own data directory under the temp folder, own loopback port) and kills and
/// deletes when it exits, so <c>dotnet test</c> needs only the mariadb-server binaries and never a
/// server started by hand. Setting <see cref="ExternalServerVariable"/> to an admin connection
/// string uses that server instead. One instance per test process (<see cref="GetSharedAsync"/>);
/// each test class takes its own database from it (<see cref="CreateDatabaseAsync"/>). A test that
/// stops and restarts the server takes a private one (<see cref="StartPrivateAsync"/>) so it
/// disturbs no other test.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    /// <summary>Environment variable with the admin connection string of an existing server to use instead.</summary>
    public const string ExternalServerVariable = "K2_TEST_MYSQL";

    private const string DirectoryPrefix = "k2-mariadb-";
    private const int PortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<MariaDbServer>> Shared = new(StartSharedAsync);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly MariaDbBinaries? binaries;
    private readonly string? rootDirectory;
    private readonly CleanupWatchdog? watchdog;
    private readonly NetworkHost? host;
    private bool isShared;
    private Process? process;

    private MariaDbServer(string adminConnectionString)
    {
        AdminConnectionString = adminConnectionString;
    }

    private MariaDbServer(MariaDbBinaries binaries, string rootDirectory, int port, NetworkHost? host)
    {
        this.binaries = binaries;
        this.host = host;
        this.rootDirectory = rootDirectory;
        watchdog = CleanupWatchdog.Start(rootDirectory);
        Port = port;
        AdminConnectionString = new MySqlConnectionStringBuilder
        {
            Server = host?.Address ?? "127.0.0.1",
            Port = (uint)port,
            UserID = "root",
            Password = string.Empty,
            SslMode = MySqlSslMode.None,
        }.ConnectionString;
    }

    /// <summary>Connection string of an account that may create and drop databases (no database selected).</summary>
    public string AdminConnectionString { get; private set; }

    /// <summary>True when the server came from <see cref="ExternalServerVariable"/>; it cannot be stopped or started.</summary>
    public bool IsExternal => binaries is null;

    /// <summary>The loopback port of a throwaway server; it stays the same across <see cref="StopAsync"/> and <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string ErrorLogPath => Path.Combine(RootDirectory, "error.log");

    private string RootDirectory => rootDirectory ?? throw new InvalidOperationException("An external server has no data directory.");

    /// <summary>The process-wide server, started on the first call; later calls return the same instance.</summary>
    public static Task<MariaDbServer> GetSharedAsync() => Shared.Value;

    /// <summary>
    /// Starts a throwaway server of the caller's own, even when <see cref="ExternalServerVariable"/>
    /// is set; disposing it kills it and deletes its data.
    /// </summary>
    /// <param name="host">
    /// Run the server on this host of a test network (inside its namespace), listening on the host's address and
    /// letting root in from the rest of its /24; null: on this machine, on loopback.
    /// </param>
    public static Task<MariaDbServer> StartPrivateAsync(NetworkHost? host = null) => StartThrowawayAsync(host);

    /// <summary>Kills a private server and deletes its data; the shared and external servers live on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (isShared || IsExternal)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            Destroy();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates an empty utf8mb4 database named after <paramref name="prefix"/> plus a random suffix.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{SanitizePrefix(prefix)}_{Guid.NewGuid().ToString("N")[..12]}";
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new TestDatabase(name, AdminConnectionString);
    }

    /// <summary>Starts the throwaway server again on the same data directory and port; returns once it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureThrowaway();
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (process is { HasExited: false })
            {
                return;
            }

            process?.Dispose();
            process = LaunchServer();
            await WaitUntilReadyAsync(process, cancellationToken);

            // Pooled connections from before a restart point at a dead server.
            await MySqlConnection.ClearAllPoolsAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops the throwaway server: <paramref name="graceful"/> asks it to shut down (as a service
    /// stop would), otherwise it is killed (as a crash would). The data directory is kept.
    /// </summary>
    public async Task StopAsync(bool graceful = true, CancellationToken cancellationToken = default)
    {
        EnsureThrowaway();
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (process is null || process.HasExited)
            {
                return;
            }

            if (graceful)
            {
                await RequestShutdownAsync(cancellationToken);
            }
            else
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
            }

            await MySqlConnection.ClearAllPoolsAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<MariaDbServer> StartSharedAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return await UseExternalAsync(external);
        }

        var server = await StartThrowawayAsync(host: null);
        server.isShared = true;
        return server;
    }

    private static async Task<MariaDbServer> StartThrowawayAsync(NetworkHost? host)
    {
        var binaries = MariaDbBinaries.Locate();
        RemoveInstancesOfDeadProcesses();
        var root = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        var server = new MariaDbServer(binaries, root, FreeTcpPort.Next(), host);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Destroy();
        try
        {
            await server.InitializeDataDirectoryAsync();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartAsync();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < PortAttempts && server.ErrorLogMentions("Address already in use"))
                {
                    // Another process took the port between the check and the server's bind.
                    server.MoveToNewPort();
                }
            }
        }
        catch
        {
            server.Destroy();
            throw;
        }
    }

    private static async Task<MariaDbServer> UseExternalAsync(string adminConnectionString)
    {
        try
        {
            await using var connection = new MySqlConnection(adminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception exception) when (exception is MySqlException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{ExternalServerVariable} is set, but its server cannot be reached: {exception.Message}", exception);
        }

        return new MariaDbServer(adminConnectionString);
    }

    private static string SanitizePrefix(string prefix)
    {
        var kept = new string([.. prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')]);
        return kept.Length == 0 ? "t" : kept[..Math.Min(kept.Length, 40)];
    }

    // A test process killed with SIGKILL (e.g. by a hang timeout) cannot clean up after itself;
    // the next run removes what it left: the directory name carries the owning process id.
    private static void RemoveInstancesOfDeadProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var parts = Path.GetFileName(directory)[DirectoryPrefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var ownerId) || Directory.Exists($"/proc/{ownerId}"))
            {
                continue;
            }

            KillServerOf(directory);
            TryDeleteDirectory(directory);
        }
    }

    private static void KillServerOf(string directory)
    {
        try
        {
            var pidFile = Path.Combine(directory, "mariadbd.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var serverId))
            {
                return;
            }

            // Only a process whose command line names this directory is ours to kill.
            var commandLine = $"/proc/{serverId}/cmdline";
            if (File.Exists(commandLine) && File.ReadAllText(commandLine).Contains(directory, StringComparison.Ordinal))
            {
                using var stale = Process.GetProcessById(serverId);
                stale.Kill();
                stale.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Gone already, or not ours: either way nothing to clean.
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next run; a leftover temp folder must not fail a test run.
        }
    }

    private static string Tail(string path, int lines = 15)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(cannot read {path}: {exception.Message})";
        }
    }

    private async Task InitializeDataDirectoryAsync()
    {
        var binaries = this.binaries!;
        var arguments = new List<string>
        {
            "--no-defaults",
            "--auth-root-authentication-method=normal",
            $"--datadir={DataDirectory}",
            "--skip-test-db",
            "--skip-name-resolve",
            "--innodb-log-file-size=8M",
        };
        AddUserArgument(arguments);
        var start = new ProcessStartInfo(binaries.InstallDb, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {binaries.InstallDb}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{binaries.InstallDb} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await errors}");
        }
    }

    private Process LaunchServer()
    {
        var arguments = new List<string>
        {
            "--no-defaults",
            $"--datadir={DataDirectory}",
            $"--socket={Path.Combine(RootDirectory, "mysqld.sock")}",
            $"--pid-file={Path.Combine(RootDirectory, "mariadbd.pid")}",
            $"--log-error={ErrorLogPath}",
            $"--tmpdir={RootDirectory}",
            $"--port={Port}",
            $"--bind-address={host?.Address ?? "127.0.0.1"}",
            "--skip-networking=0",
            "--skip-name-resolve",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci",
            "--max-connections=500",
            "--performance-schema=OFF",
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=8M",

            // Throwaway data: trade durability on power loss for speed (a killed server still recovers).
            "--innodb-flush-log-at-trx-commit=2",
            "--innodb-doublewrite=0",
        };
        AddUserArgument(arguments);
        var server = binaries!.Server;
        if (host is not null)
        {
            arguments.Add($"--init-file={WriteRemoteRootGrant(host)}");
            arguments.InsertRange(0, [.. host.Exec(server)]);
        }

        var start = new ProcessStartInfo(host is null ? server : NetworkHost.Ip, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {server}.");

        // Drain the pipes so the server never blocks on a full one; what matters goes to error.log.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var probe = new MySqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, ConnectionTimeout = 2 }.ConnectionString;
        MySqlException? refused = null;
        try
        {
            await WaitFor.ConditionAsync($"mariadbd to accept connections on port {Port}", async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"mariadbd exited with code {process.ExitCode} while starting on port {Port}; {ErrorLogPath} ends with:{Environment.NewLine}{Tail(ErrorLogPath)}");
                }

                try
                {
                    await using var connection = new MySqlConnection(probe);
                    await connection.OpenAsync(cancellationToken);
                    return true;
                }
                catch (MySqlException exception)
                {
                    refused = exception;
                    return false;
                }
            }, StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"mariadbd did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s; {ErrorLogPath} ends with:{Environment.NewLine}{Tail(ErrorLogPath)}",
                refused);
        }
    }

    private async Task RequestShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            var direct = new MySqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString;
            await using var connection = new MySqlConnection(direct);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SHUTDOWN", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException)
        {
            // The server drops the connection while it shuts down; the wait for its exit decides.
        }
    }

    /// <summary>
    /// The root account for the other hosts of the server's /24 (the tests and the silos connect from there), written
    /// to a file the server runs at every start; the install step creates root for loopback only.
    /// </summary>
    private string WriteRemoteRootGrant(NetworkHost host)
    {
        var subnet = host.Address[..(host.Address.LastIndexOf('.') + 1)] + "%";
        var path = Path.Combine(RootDirectory, "remote-root.sql");
        File.WriteAllText(path, $"""
            CREATE USER IF NOT EXISTS 'root'@'{subnet}' IDENTIFIED BY '';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'{subnet}' WITH GRANT OPTION;
            """);
        return path;
    }

    private static void AddUserArgument(List<string> arguments)
    {
        // mariadbd refuses to run as root unless told to; as another user the flag must be absent.
        if (Environment.IsPrivilegedProcess)
        {
            arguments.Add($"--user={Environment.UserName}");
        }
    }

    private bool ErrorLogMentions(string text) =>
        File.Exists(ErrorLogPath) && File.ReadAllText(ErrorLogPath).Contains(text, StringComparison.Ordinal);

    private void MoveToNewPort()
    {
        Port = FreeTcpPort.Next();
        AdminConnectionString = new MySqlConnectionStringBuilder(AdminConnectionString) { Port = (uint)Port }.ConnectionString;
        File.Delete(ErrorLogPath);
    }

    private void EnsureThrowaway()
    {
        if (IsExternal)
        {
            throw new NotSupportedException(
                $"The server from {ExternalServerVariable} is not owned by the tests and cannot be stopped or started.");
        }
    }

    private void Destroy()
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        // The watchdog deletes the directory outside this process: the test host may be ended
        // before a deletion started here could finish.
        watchdog?.Trigger();
    }
}
