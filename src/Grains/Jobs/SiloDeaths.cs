namespace K2Orleans.Grains.Jobs;

/// <summary>How many silos this silo has seen declared dead since it started; jobs compare it between ticks.</summary>
public sealed class SiloDeaths
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Record() => Interlocked.Increment(ref count);
}
