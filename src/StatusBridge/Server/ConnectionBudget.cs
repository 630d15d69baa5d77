using System.Diagnostics.CodeAnalysis;

namespace K2Orleans.StatusBridge.Server;

/// <summary>
/// The connection slots of one transport: at most <c>maxConnections</c> in all and <c>maxPerPeer</c> for any one peer,
/// so a peer that holds all it may still leaves room for the others.
/// </summary>
internal sealed class ConnectionBudget(string transport, int maxConnections, int maxPerPeer)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> perPeer = new(StringComparer.Ordinal);
    private int total;

    /// <summary>Slots taken now.</summary>
    public int Active
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    /// <summary>Takes a slot for <paramref name="peer"/>; the caller must <see cref="Release"/> it once the connection ends.</summary>
    /// <param name="refusal">Why there is no slot, worded for the client's <c>busy</c> answer.</param>
    public bool TryAcquire(string peer, [NotNullWhen(false)] out string? refusal)
    {
        lock (gate)
        {
            var held = perPeer.GetValueOrDefault(peer);
            if (held >= maxPerPeer)
            {
                refusal = $"{peer} already holds {held} {transport} connections to the status bridge (at most {maxPerPeer} "
                    + "per peer); close one or try again shortly";
                return false;
            }

            if (total >= maxConnections)
            {
                refusal = $"the status bridge already serves {total} {transport} connections; try again shortly";
                return false;
            }

            perPeer[peer] = held + 1;
            total++;
            refusal = null;
            return true;
        }
    }

    public void Release(string peer)
    {
        lock (gate)
        {
            // Forget a peer with no connection left, so a stream of new addresses cannot grow the table.
            var held = perPeer[peer] - 1;
            if (held == 0)
            {
                perPeer.Remove(peer);
            }
            else
            {
                perPeer[peer] = held;
            }

            total--;
        }
    }
}
