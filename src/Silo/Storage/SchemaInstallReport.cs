namespace K2Orleans.Silo.Storage;

/// <summary>What <see cref="MySqlSchemaInstaller.InstallAsync"/> did to a database.</summary>
/// <param name="Scripts">The scripts run, in order.</param>
/// <param name="TablesCreated">Tables that did not exist before and were created.</param>
/// <param name="TablesAlreadyPresent">Tables that existed already and were left as they were.</param>
/// <param name="QueriesInserted">OrleansQuery keys that were missing and were added.</param>
/// <param name="QueriesUpdated">OrleansQuery keys whose text changed (an upgrade).</param>
/// <param name="QueriesUnchanged">OrleansQuery keys whose text was already the current one.</param>
public sealed record SchemaInstallReport(
    IReadOnlyList<string> Scripts,
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> TablesAlreadyPresent,
    IReadOnlyList<string> QueriesInserted,
    IReadOnlyList<string> QueriesUpdated,
    IReadOnlyList<string> QueriesUnchanged)
{
    /// <summary>True when the database already had every table and every current query text.</summary>
    public bool WasUpToDate => TablesCreated.Count == 0 && QueriesInserted.Count == 0 && QueriesUpdated.Count == 0;

    public override string ToString() =>
        $"{Scripts.Count} scripts; tables created: {List(TablesCreated)}; already present: {List(TablesAlreadyPresent)}; " +
        $"queries inserted: {QueriesInserted.Count}, updated: {List(QueriesUpdated)}, unchanged: {QueriesUnchanged.Count}";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
