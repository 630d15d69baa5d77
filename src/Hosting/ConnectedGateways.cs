namespace K2Orleans.Hosting;

/// <summary>
/// How many gateways an Orleans client is connected to, as Orleans reports it. A failing status read with gateways
/// left is a degraded cluster (a silo died, the database is down); with none left, no silo answers at all.
/// </summary>
public sealed class ConnectedGateways
{
    private int count = -1;

    /// <summary>-1 until Orleans first reports a change (the connect itself succeeded, so at least one).</summary>
    public int Count => Volatile.Read(ref count);

    public bool NoneLeft => Count == 0;

    internal void Changed(int connected) => Volatile.Write(ref count, connected);
}
