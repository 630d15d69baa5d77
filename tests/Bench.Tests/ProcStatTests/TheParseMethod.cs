using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests.ProcStatTests;

public sealed class TheParseMethod
{
    [Fact]
    public void ShouldReadTheParentAndUserPlusSystemTicks()
    {
        var stat = ProcStat.Parse("4242 (dotnet) S 4241 4242 100 0 -1 4194560 9000 0 0 0 731 112 0 0 20 0 30 0 123456 3000000000 45000 18446744073709551615\n");

        Assert.Equal(4241, stat.ParentId);
        Assert.Equal(843, stat.CpuTicks);
    }

    [Fact]
    public void ShouldNotBeMisledByACommandNameWithSpacesAndParentheses()
    {
        var stat = ProcStat.Parse("77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 1 1 1");

        Assert.Equal(1, stat.ParentId);
        Assert.Equal(11, stat.CpuTicks);
    }

    [Fact]
    public void ShouldFindAChildByItsParent()
    {
        using var child = System.Diagnostics.Process.Start("sleep", "60");
        try
        {
            Assert.Equal(child.Id, ProcStat.ChildOf(Environment.ProcessId));
        }
        finally
        {
            child.Kill();
        }
    }
}
