using System.Globalization;

using Npgsql;

namespace FactoryCloud.Testing;

/// <summary>
/// A throwaway PostgreSQL server (Debian's /usr/lib/postgresql/&lt;highest&gt;/bin) in its own temp directory,
/// listening on 127.0.0.1 on a free port, with durability switched off for speed (fsync, synchronous_commit,
/// full_page_writes off) and trust authentication. Stopped (immediate) and deleted on dispose.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, so when the tests run as root every server command runs as the
/// <c>postgres</c> user through <c>runuser -u postgres --</c> and the temp directory is chowned to it.
/// Authentication is <c>trust</c>: any password is accepted, roles are still enforced.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The superuser created by initdb.</summary>
    public const string Superuser = "postgres";

    private const string OsUser = "postgres";

    private readonly TempDirectory _directory;
    private readonly CleanupRegistration _cleanup;
    private readonly string _binDirectory;
    private int _disposed;

    private PostgresServer(TempDirectory directory, CleanupRegistration cleanup, string binDirectory, int port)
    {
        _directory = directory;
        _cleanup = cleanup;
        _binDirectory = binDirectory;
        Port = port;
        AdminConnectionString = BuildConnectionString(Superuser, null, Superuser);
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string for the superuser <c>postgres</c> on database <c>postgres</c>.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The temp directory holding data/, the unix socket and postgres.log.</summary>
    public string DirectoryPath => _directory.Path;

    /// <summary>The server log (pg_ctl -l).</summary>
    public string LogFile => _directory.Combine("postgres.log");

    private string DataDirectory => _directory.Combine("data");

    /// <summary>initdb + pg_ctl start; about 1–2 s. Retries once with another port if the port was taken meanwhile.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var directory = TempDirectory.Create("fctest-pg");
        CleanupRegistration? cleanup = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            if (Native.IsRoot)
            {
                await ProcessRunner.RunAsync("chown", [$"{OsUser}:", directory.Path], null, cancellationToken).ConfigureAwait(false);
            }

            var logFile = directory.Combine("postgres.log");
            await ProcessRunner.RunAsUserWhenRootAsync(
                OsUser,
                Path.Combine(binDirectory, "initdb"),
                ["-D", directory.Combine("data"), "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                Options(directory, logFile, TimeSpan.FromSeconds(60)),
                cancellationToken).ConfigureAwait(false);

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                var options = Options(directory, logFile, TimeSpan.FromSeconds(60)) with { ThrowOnNonZeroExitCode = false };
                var start = await ProcessRunner.RunAsUserWhenRootAsync(
                    OsUser,
                    Path.Combine(binDirectory, "pg_ctl"),
                    [
                        "-D", directory.Combine("data"), "-l", logFile, "-w", "-t", "30",
                        "-o", string.Join(' ',
                            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
                            $"-k {directory.Path}",
                            "-c listen_addresses=127.0.0.1",
                            "-c fsync=off",
                            "-c synchronous_commit=off",
                            "-c full_page_writes=off",
                            "-c max_connections=200"),
                        "start",
                    ],
                    options,
                    cancellationToken).ConfigureAwait(false);
                if (start.ExitCode == 0)
                {
                    var server = new PostgresServer(directory, cleanup, binDirectory, port);
                    cleanup.SetTargets(("QUIT", server.ReadPostmasterPid()));
                    return server;
                }

                var log = Diagnostics.Tail(logFile);
                if (attempt < 2 && Diagnostics.MentionsAddressInUse(log, start.StandardError))
                {
                    continue;
                }

                throw new ExternalProcessException(
                    Diagnostics.Describe($"PostgreSQL did not start on port {port}.", start, [logFile]), start);
            }
        }
        catch
        {
            if (cleanup is not null)
            {
                cleanup.EmergencyStop();
                cleanup.Dispose();
            }

            directory.Dispose();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as <paramref name="username"/> (default: the superuser).</summary>
    public string GetConnectionString(string database, string username = Superuser, string? password = null) =>
        BuildConnectionString(username, password, database);

    /// <summary>Creates a fresh database owned by <c>postgres</c> and returns a superuser connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var identifier = QuoteIdentifier(name);
        await ExecuteAdminAsync($"CREATE DATABASE {identifier} OWNER {Superuser} ENCODING 'UTF8'", cancellationToken).ConfigureAwait(false);
        return BuildConnectionString(Superuser, null, name);
    }

    /// <summary>
    /// Creates a login role that is neither superuser nor owner of anything (NOSUPERUSER NOBYPASSRLS NOCREATEDB
    /// NOCREATEROLE NOREPLICATION), as an application would connect with, and returns its connection string
    /// for <paramref name="database"/> (default <c>postgres</c>). Grant it what it needs with the admin connection.
    /// </summary>
    public async Task<string> CreateLoginRoleAsync(string role, string password, string database = "postgres", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The password must not contain NUL.", nameof(password));
        }

        var identifier = QuoteIdentifier(role);
        var literal = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
        await ExecuteAdminAsync(
            $"CREATE ROLE {identifier} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT PASSWORD {literal}",
            cancellationToken).ConfigureAwait(false);
        return BuildConnectionString(role, password, database);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>, waits until the port is closed, deletes the directory. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // Our own pooled admin connections die with the server; the pool must not hand them out again.
            using (var admin = new NpgsqlConnection(AdminConnectionString))
            {
                NpgsqlConnection.ClearPool(admin);
            }

            var stop = await ProcessRunner.RunAsUserWhenRootAsync(
                OsUser,
                Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"],
                Options(_directory, LogFile, TimeSpan.FromSeconds(40)) with { ThrowOnNonZeroExitCode = false }).ConfigureAwait(false);
            if (stop.ExitCode != 0 || !await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            {
                _cleanup.EmergencyStop();
            }
        }
        catch (ExternalProcessException)
        {
            _cleanup.EmergencyStop();
        }
        finally
        {
            _cleanup.Dispose();
            _directory.Dispose();
        }
    }

    /// <summary>The highest /usr/lib/postgresql/&lt;version&gt;/bin holding initdb and pg_ctl.</summary>
    internal static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidate = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(c => c.Version > 0 && File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
                .FirstOrDefault()
            : null;
        return candidate ?? throw new ExternalProcessException(
            $"No PostgreSQL server binaries under {Root}/*/bin. Install them: apt-get install -y postgresql");
    }

    private static ProcessRunOptions Options(TempDirectory directory, string logFile, TimeSpan timeout) => new()
    {
        Timeout = timeout,
        // The postgres user may not be allowed into the current directory (e.g. /root/...).
        WorkingDirectory = directory.Path,
        LogFiles = [logFile],
    };

    private static string QuoteIdentifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetByteCount(name) > 63)
        {
            throw new ArgumentException($"'{name}' is not a valid PostgreSQL identifier (1-63 bytes, no NUL).", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private string BuildConnectionString(string username, string? password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = username,
            Password = password,
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int ReadPostmasterPid()
    {
        var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();
        return int.Parse(firstLine.Trim(), CultureInfo.InvariantCulture);
    }
}
