using System.Data;
using MySqlConnector;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// The daemon's reads and writes of WordPress's tables. Every value is a parameter; only the validated table prefix
/// is part of the SQL text. WordPress's postmeta has no unique key on (post_id, meta_key), so a value is updated
/// wherever it exists and inserted only where it does not, and status changes name the value they expect.
/// </summary>
public sealed class WordPressDatabase
{
    /// <summary>Flagged posts read per poll; more wait for the next one.</summary>
    public const int MaxFlagsPerPoll = 500;

    private readonly Lazy<string> connectionString;
    private readonly string posts;
    private readonly string postmeta;
    private readonly string postType;

    public WordPressDatabase(WordPressOptions options)
    {
        // Matched rows, not changed rows: an upsert of an unchanged value must see its row, or it would insert a twin.
        // Claims and status moves name the old value in WHERE, so for them matched rows are changed rows.
        // Parsed on first use: a silo with WordPress disabled never needs a usable connection string.
        connectionString = new(() => new MySqlConnectionStringBuilder(options.ConnectionString) { UseAffectedRows = false }.ConnectionString);
        posts = $"`{options.TablePrefix}posts`";
        postmeta = $"`{options.TablePrefix}postmeta`";
        postType = options.PostType;
    }

    /// <summary>Trophy posts with a watched status, oldest flag first, each with its job id.</summary>
    public async Task<IReadOnlyList<BuildFlag>> FindFlaggedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT s.post_id, s.meta_value,
                   (SELECT j.meta_value FROM {postmeta} j
                     WHERE j.post_id = s.post_id AND j.meta_key = @jobKey ORDER BY j.meta_id LIMIT 1)
              FROM {postmeta} s JOIN {posts} p ON p.ID = s.post_id
             WHERE s.meta_key = @statusKey AND p.post_type = @postType
               AND s.meta_value IN ({In("w", BuildStatus.Watched.Count)})
             ORDER BY s.meta_id
             LIMIT {MaxFlagsPerPoll}
            """);
        Add(command, "jobKey", PostMetaKeys.Job);
        Add(command, "statusKey", PostMetaKeys.Status);
        Add(command, "postType", postType);
        AddAll(command, "w", BuildStatus.Watched);
        var flags = new List<BuildFlag>();
        var seen = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A post with twin status rows is handled once, by its oldest row, as WordPress's get_post_meta reads it.
            var postId = Convert.ToInt64(reader.GetValue(0));
            if (seen.Add(postId))
            {
                flags.Add(new BuildFlag(postId, reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
            }
        }

        return flags;
    }

    /// <summary>
    /// Moves <paramref name="seen"/> to queued and clears the previous build's job, progress and error, in one
    /// transaction: true for exactly one of several pollers, and none sees the new claim with the old job.
    /// </summary>
    public async Task<bool> TryClaimAsync(long postId, string seen, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var claim = Command(connection, $"""
            UPDATE {postmeta} SET meta_value = @queued
             WHERE post_id = @post AND meta_key = @statusKey AND meta_value = @seen
            """, transaction);
        Add(claim, "queued", BuildStatus.Queued);
        Add(claim, "post", postId);
        Add(claim, "statusKey", PostMetaKeys.Status);
        Add(claim, "seen", seen);
        if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await using var clear = Command(connection, $"""
            UPDATE {postmeta} SET meta_value = ''
             WHERE post_id = @post AND meta_key IN (@jobKey, @progressKey, @errorKey)
            """, transaction);
        Add(clear, "post", postId);
        Add(clear, "jobKey", PostMetaKeys.Job);
        Add(clear, "progressKey", PostMetaKeys.Progress);
        Add(clear, "errorKey", PostMetaKeys.Error);
        await clear.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The post's first value of <paramref name="key"/>; null when it has none.</summary>
    public async Task<string?> ReadAsync(long postId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT meta_value FROM {postmeta} WHERE post_id = @post AND meta_key = @key ORDER BY meta_id LIMIT 1
            """);
        Add(command, "post", postId);
        Add(command, "key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is string value ? value : null;
    }

    /// <summary>The post's <c>post_status</c> (<c>publish</c>, <c>draft</c>, <c>private</c>, ...); null when there is no such post.</summary>
    public async Task<string?> ReadPostStatusAsync(long postId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT post_status FROM {posts} WHERE ID = @post");
        Add(command, "post", postId);
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? status : null;
    }

    /// <summary>
    /// The oldest other trophy post, older than <paramref name="postId"/> and not in the trash, whose spec has
    /// <paramref name="slug"/>; null when the slug is this post's alone. The older post keeps the slug, so a copy
    /// cannot take a published trophy's folder. Specs that are not JSON are skipped (CASE keeps MySQL from
    /// raising an error on them); MySQL and MariaDB compare the slug with the column's collation.
    /// </summary>
    public async Task<(long PostId, string Title)?> FindSlugOwnerAsync(long postId, string slug, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT p.ID, p.post_title
              FROM {posts} p JOIN {postmeta} m ON m.post_id = p.ID
             WHERE p.post_type = @postType AND p.ID < @post AND p.post_status NOT IN ('trash', 'auto-draft')
               AND m.meta_key = @specKey
               AND CASE WHEN JSON_VALID(m.meta_value) THEN JSON_UNQUOTE(JSON_EXTRACT(m.meta_value, '$.slug')) END = @slug
             ORDER BY p.ID
             LIMIT 1
            """);
        Add(command, "postType", postType);
        Add(command, "post", postId);
        Add(command, "specKey", PostMetaKeys.Spec);
        Add(command, "slug", slug);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Convert.ToInt64(reader.GetValue(0)), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Sets the status to <paramref name="to"/> if it is one of <paramref name="from"/> and the post still names job
    /// <paramref name="jobId"/> (any job when empty); false when the editor or another poller changed it first.
    /// </summary>
    public Task<bool> TryMoveAsync(long postId, string jobId, IReadOnlyList<string> from, string to, CancellationToken cancellationToken) =>
        TryUpdateAsync(postId, jobId, from, to, [], cancellationToken);

    /// <summary>
    /// Writes <paramref name="values"/> and moves the status to <paramref name="to"/> (null leaves it), all or nothing,
    /// if the status is one of <paramref name="from"/> and the post names job <paramref name="jobId"/> (any job when
    /// empty). The post's status rows stay locked until the end, so a poller that read the post before another one
    /// ended the build cannot write its older progress over the end.
    /// </summary>
    public async Task<bool> TryUpdateAsync(
        long postId,
        string jobId,
        IReadOnlyList<string> from,
        string? to,
        IReadOnlyList<KeyValuePair<string, string>> values,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var read = Command(connection, $"""
            SELECT s.meta_value,
                   (SELECT j.meta_value FROM {postmeta} j
                     WHERE j.post_id = s.post_id AND j.meta_key = @jobKey ORDER BY j.meta_id LIMIT 1)
              FROM {postmeta} s WHERE s.post_id = @post AND s.meta_key = @statusKey ORDER BY s.meta_id FOR UPDATE
            """, transaction);
        Add(read, "jobKey", PostMetaKeys.Job);
        Add(read, "post", postId);
        Add(read, "statusKey", PostMetaKeys.Status);
        string? status = null;
        var job = "";
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            // The oldest status row is the one WordPress reads; the others are locked all the same.
            while (await reader.ReadAsync(cancellationToken))
            {
                if (status is null)
                {
                    status = reader.GetString(0);
                    job = reader.IsDBNull(1) ? "" : reader.GetString(1);
                }
            }
        }

        if (status is null || !from.Contains(status) || (jobId.Length > 0 && job != jobId))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        foreach (var (key, value) in values)
        {
            await UpsertAsync(connection, transaction, postId, key, value, cancellationToken);
        }

        if (to is not null)
        {
            await using var move = Command(connection, $"""
                UPDATE {postmeta} SET meta_value = @to
                 WHERE post_id = @post AND meta_key = @statusKey AND meta_value IN ({In("f", from.Count)})
                """, transaction);
            Add(move, "to", to);
            Add(move, "post", postId);
            Add(move, "statusKey", PostMetaKeys.Status);
            AddAll(move, "f", from);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>: every row of it that exists, or one new row.</summary>
    public async Task WriteAsync(long postId, string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await UpsertAsync(connection, transaction: null, postId, key, value, cancellationToken);
    }

    private async Task UpsertAsync(MySqlConnection connection, MySqlTransaction? transaction, long postId, string key, string value, CancellationToken cancellationToken)
    {
        await using var update = Command(connection, $"UPDATE {postmeta} SET meta_value = @value WHERE post_id = @post AND meta_key = @key", transaction);
        Add(update, "value", value);
        Add(update, "post", postId);
        Add(update, "key", key);
        if (await update.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            return;
        }

        await using var insert = Command(connection, $"""
            INSERT INTO {postmeta} (post_id, meta_key, meta_value)
            SELECT @post, @key, @value FROM DUAL
             WHERE NOT EXISTS (SELECT 1 FROM {postmeta} WHERE post_id = @post AND meta_key = @key)
            """, transaction);
        Add(insert, "value", value);
        Add(insert, "post", postId);
        Add(insert, "key", key);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString.Value);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static MySqlCommand Command(MySqlConnection connection, string sql, MySqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    private static void Add(MySqlCommand command, string name, object value) => command.Parameters.AddWithValue(name, value);

    private static void AddAll(MySqlCommand command, string prefix, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Add(command, $"{prefix}{i}", values[i]);
        }
    }

    private static string In(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@{prefix}{i}"));
}
