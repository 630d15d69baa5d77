using K2Orleans.TestSupport;

namespace K2Orleans.StatusBridge.Tests.PhpClientTests;

/// <summary>K2Status::job() checks the id itself: PHP's '$' also matches before a final newline.</summary>
public sealed class TheJobIdCheck
{
    [Theory]
    [InlineData("classic-cup-20261203T100000Z", "sent")]
    [InlineData("classic-cup\n", "refused")]
    [InlineData("classic-cup\nCANCEL other", "refused")]
    [InlineData("", "refused")]
    public async Task ShouldRefuseAnIdThatIsNotOneWholeToken(string id, string expected)
    {
        // A refused id never reaches the socket; an accepted one is sent to a closed port and fails there.
        const string Code = """
            require getenv('K2_CLIENT');
            try { (new K2Status('127.0.0.1', (int) getenv('K2_PORT'), 1.0))->job(getenv('K2_ID')); echo 'answered'; }
            catch (InvalidArgumentException $e) { echo 'refused'; }
            catch (K2StatusException $e) { echo 'sent'; }
            """;
        var environment = new Dictionary<string, string?>
        {
            ["K2_CLIENT"] = Path.Combine(Php.ClientFolder, "K2Status.php"),
            ["K2_PORT"] = ClosedPort.Find().ToString(),
            ["K2_ID"] = id,
        };

        var result = await Php.RunAsync(["-r", Code], environment);

        Assert.Equal(expected, result.Output);
    }
}
